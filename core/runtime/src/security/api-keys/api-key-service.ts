import { InputError, NotFoundError, PermissionError } from '@dwc/sdk';
import type { AuditRecorder } from '../audit-recorder.js';
import { auditActor, type Principal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import { roleAllows, scopeWithinRole } from '../roles.js';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.js';

/** An API key as the API lists it: never the key or its hash. */
export interface PublicApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function publicApiKey(record: ApiKeyRecord): PublicApiKey {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes, created_by: record.createdBy,
    created_at: record.createdAt.toISOString(), expires_at: iso(record.expiresAt), last_used_at: iso(record.lastUsedAt), revoked_at: iso(record.revokedAt),
  };
}

/** A user's API keys: created with scopes within their role, shown once, listed without secrets, revoked. */
export interface ApiKeyService {
  create(principal: Principal, input: { name: string; scopes: string[]; expires_at?: string | null }, meta?: RequestMeta): Promise<PublicApiKey & { key: string }>;
  /** The caller's keys; with `security:admin`-level roles (admin, owner), everyone's. */
  list(principal: Principal): Promise<PublicApiKey[]>;
  revoke(principal: Principal, id: string, meta?: RequestMeta): Promise<PublicApiKey>;
}

export function createApiKeyService(options: { apiKeys: ApiKeyStore; audit: AuditRecorder }): ApiKeyService {
  const { apiKeys, audit } = options;
  const where = (meta: RequestMeta = {}) => ({ ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  const seesAll = (principal: Principal) => roleAllows(principal.role, 'security:admin') && principal.scopes === null;
  const owner = (principal: Principal): string => {
    if (principal.userId === null) throw new PermissionError('API keys belong to a user; sign in as one to manage them.', { code: 'not_a_user' });
    return principal.userId;
  };
  return {
    async create(principal, input, meta) {
      const createdBy = owner(principal);
      const tooWide = input.scopes.filter((scope) => !scopeWithinRole(principal.role, scope) || (principal.scopes !== null && !principal.scopes.includes(scope)));
      if (tooWide.length > 0) {
        throw new PermissionError(`A key cannot hold more than its creator: your role "${principal.role}" does not grant ${tooWide.join(', ')}.`, {
          code: 'scope_exceeds_role', details: { scopes: tooWide },
        });
      }
      const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
      if (expiresAt !== null && expiresAt.getTime() <= Date.now()) throw new InputError('expires_at must be in the future.', { details: { expires_at: ['must be in the future'] } });
      const { record, key } = await apiKeys.create({ name: input.name, scopes: [...new Set(input.scopes)], createdBy, expiresAt });
      await audit.record({ action: 'api_key.create', outcome: 'success', actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `api_key:${record.id}`, after: { name: record.name, prefix: record.prefix, scopes: record.scopes, expires_at: record.expiresAt?.toISOString() ?? null } });
      return { ...publicApiKey(record), key };
    },
    async list(principal) {
      return (await apiKeys.list(seesAll(principal) ? undefined : owner(principal))).map(publicApiKey);
    },
    async revoke(principal, id, meta) {
      const record = await apiKeys.get(id);
      if (record === undefined || (record.createdBy !== principal.userId && !seesAll(principal))) throw new NotFoundError(`No API key with id "${id}".`);
      await apiKeys.revoke(id);
      await audit.record({ action: 'api_key.revoke', outcome: 'success', actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `api_key:${id}`, before: { name: record.name, prefix: record.prefix } });
      return publicApiKey((await apiKeys.get(id))!);
    },
  };
}
