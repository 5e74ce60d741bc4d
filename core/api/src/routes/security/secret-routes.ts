import { auditActor, SECRET_NAME, SECRET_VALUE_MAX_BYTES } from '@dwc/runtime';
import { NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';

const tags = ['security'];
const nameParams = z.object({
  name: z.string().min(1).max(128).regex(SECRET_NAME, 'must start with a letter or "_", then letters, digits, "_", "." or "-"').meta({ example: 'SLACK_BOT_TOKEN' }),
});

const secretSummarySchema = z
  .object({ name: z.string(), key_id: z.string(), created_at: z.string(), updated_at: z.string(), updated_by: z.string().nullable() })
  .meta({ id: 'SecretSummary' });

export const putSecretRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/security/secrets/{name}',
  operationId: 'putSecret',
  errors: ['invalid_secret_name', 'secret_too_large'],
  permission: 'secrets:admin',
  summary: 'Store or replace a secret (encrypted; the value is never returned)',
  tags,
  request: {
    params: nameParams,
    body: z.strictObject({ value: z.string().min(1).max(SECRET_VALUE_MAX_BYTES).meta({ description: 'The secret value; write-only' }) }),
  },
  responses: { 201: { description: 'Created' }, 204: { description: 'Replaced' }, 400: errorResponse('Bad name or value') },
  handler: async ({ deps, params, body, auth, res }) => {
    const { created } = await deps.vault.set(params.name, body.value, auth ? auditActor(auth) : null);
    res.status(created ? 201 : 204);
  },
});

export const listSecretsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/security/secrets',
  operationId: 'listSecrets',
  permission: 'secrets:admin',
  summary: 'Secret names with the key that seals them and timestamps (never values)',
  tags,
  responses: { 200: { description: 'The secrets', schema: z.object({ items: z.array(secretSummarySchema) }) } },
  handler: async ({ deps }) => ({
    items: (await deps.vault.list()).map((s) => ({
      name: s.name, key_id: s.keyId, created_at: s.createdAt.toISOString(), updated_at: s.updatedAt.toISOString(), updated_by: s.updatedBy,
    })),
  }),
});

export const deleteSecretRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/security/secrets/{name}',
  operationId: 'deleteSecret',
  errors: ['invalid_secret_name', 'secret_not_found'],
  permission: 'secrets:admin',
  summary: 'Delete a secret',
  tags,
  request: { params: nameParams },
  responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such secret') },
  handler: async ({ deps, params, auth }) => {
    if (!(await deps.vault.delete(params.name, auth ? auditActor(auth) : null))) {
      throw new NotFoundError(`No secret named "${params.name}".`, { code: 'secret_not_found' });
    }
  },
});
