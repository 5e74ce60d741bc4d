import { scopeSchema } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestMeta } from '../../request-meta.js';

const tags = ['security', 'api-keys'];
const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    scopes: z.array(z.string()),
    created_by: z.string(),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createApiKeyRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/security/api-keys',
  operationId: 'createApiKey',
  errors: ['not_a_user', 'scope_exceeds_role'],
  permission: 'account:write',
  summary: 'Create an API key; the key is in this response only',
  description: 'Scopes look like `workflows:read`, `workflows:*`, `*:read`. A key never grants more than its creator\'s role at the time it is used.',
  tags,
  request: {
    body: z.strictObject({
      name: z.string().trim().min(1).max(200),
      scopes: z.array(scopeSchema).min(1).max(50),
      expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
    }),
  },
  responses: {
    201: { description: 'The key (`key` is shown once)', schema: apiKeySchema.extend({ key: z.string() }) },
    403: errorResponse('A scope exceeds your role'),
  },
  handler: async ({ deps, body, auth, req, res }) => {
    const created = await deps.auth.apiKeys.create(auth!, body, requestMeta(req));
    res.status(201);
    return created;
  },
});

export const listApiKeysRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/api-keys',
  operationId: 'listApiKeys',
  errors: ['not_a_user'],
  permission: 'account:read',
  summary: 'List API keys (yours; admins see all), without secrets',
  tags,
  responses: { 200: { description: 'Keys', schema: z.object({ items: z.array(apiKeySchema) }) } },
  handler: async ({ deps, auth }) => ({ items: await deps.auth.apiKeys.list(auth!) }),
});

export const revokeApiKeyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/security/api-keys/{id}',
  operationId: 'revokeApiKey',
  errors: ['not_a_user', 'not_found'],
  permission: 'account:write',
  summary: 'Revoke an API key',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: { description: 'The revoked key', schema: apiKeySchema }, 404: errorResponse('No such key (or not yours)') },
  handler: ({ deps, params, auth, req }) => deps.auth.apiKeys.revoke(auth!, params.id, requestMeta(req)),
});

export const validatePasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/security/password/validate',
  operationId: 'validatePassword',
  permission: 'public',
  summary: 'Check a password\'s strength (zxcvbn) with advice',
  tags: ['security'],
  request: {
    body: z.strictObject({ password: z.string().max(256), email: z.string().max(320).optional(), name: z.string().max(200).optional() }),
  },
  responses: {
    200: {
      description: 'Score 0-4, whether it is acceptable here, and what to do',
      schema: z.object({ score: z.number().int(), min_score: z.number().int(), acceptable: z.boolean(), warning: z.string().nullable(), suggestions: z.array(z.string()), crack_time: z.string() }),
    },
  },
  handler: ({ deps, body }) => deps.auth.passwordStrength(body.password, [body.email ?? '', body.name ?? '']),
});
