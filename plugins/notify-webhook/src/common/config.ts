import { ConfigError, z } from '@dwc/sdk';

/** Settings of the webhook channel. The signing secret is `DWC_WEBHOOK_SIGNING_SECRET`, never config. */
export const webhookConfigSchema = z
  .object({
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Longest wait for the receiver to answer, in milliseconds.'),
    event_type: z.string().min(1).max(100).default('notification.sent').describe('The `type` of the JSON payload.'),
  })
  .strict();
export type WebhookConfig = z.output<typeof webhookConfigSchema>;

export interface WebhookSettings extends WebhookConfig {
  /** The HMAC key: the base64 after `whsec_`; undefined when no secret is set. */
  key: Buffer | undefined;
}

/** Standard Webhooks secrets are base64, written `whsec_<base64>` (the prefix is optional here). */
export function resolveWebhookSettings(config: WebhookConfig, secrets: Readonly<Record<string, string>>): WebhookSettings {
  const secret = secrets.DWC_WEBHOOK_SIGNING_SECRET;
  if (secret === undefined || secret === '') return { ...config, key: undefined };
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(base64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || key.length < 24 || key.length > 64) {
    throw new ConfigError(
      'DWC_WEBHOOK_SIGNING_SECRET must be a Standard Webhooks secret: "whsec_" and 24 to 64 random bytes in base64 (make one with `echo whsec_$(openssl rand -base64 32)`).',
      { code: 'invalid_webhook_secret' },
    );
  }
  return { ...config, key };
}
