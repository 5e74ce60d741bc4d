import { defineTrigger, z } from '@dwc/sdk';
import { webhookEs } from '../i18n/engine-es.js';

const secretName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/, 'the name of a secret in the vault (PUT /api/v3/security/secrets/{name})');
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'an HTTP header name').transform((h) => h.toLowerCase());

export const webhookAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('header'),
    secret: secretName,
    header: headerName.default('x-webhook-token').meta({ description: 'Header whose value must equal the secret' }),
  }),
  z.strictObject({
    type: z.literal('hmac_sha256'),
    secret: secretName,
    header: headerName.default('x-signature-256').meta({ description: 'Header carrying `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>")' }),
    timestamp_header: headerName.default('x-webhook-timestamp').meta({ description: 'Header carrying the Unix time in seconds the sender signed at' }),
    tolerance_seconds: z.int().min(1).max(3600).default(300).meta({ description: 'How far the timestamp may be from now; a signature is accepted once within it' }),
  }),
]);

/**
 * Settings of the `webhook` trigger. The route `{METHOD} /webhook/{path}` is served by the core
 * (it must answer HTTP and check signatures over the raw bytes), so the type is declared here
 * beside it rather than in a plugin; nothing listens, the route looks active triggers up by path.
 */
export const webhookSettingsSchema = z.strictObject({
  path: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/, 'segments of letters, digits and . _ ~ - separated by "/", e.g. "orders/new"'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  respond: z.enum(['immediately', 'when_finished']).default('immediately'),
  timeout_ms: z.int().min(1).max(300_000).default(30_000).meta({ description: 'With `when_finished`: answer 202 with the execution id after this long' }),
  auth: webhookAuthSchema.default({ type: 'none' }),
});

export type WebhookSettings = z.output<typeof webhookSettingsSchema>;

export const webhookTrigger = defineTrigger({
  type: 'webhook',
  title: 'Webhook',
  description: 'Runs when a request arrives at {METHOD} /webhook/{path}; its body, query, headers, method and path are the input.',
  i18n: webhookEs,
  settings: webhookSettingsSchema,
  runsOn: 'every',
});
