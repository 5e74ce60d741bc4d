import type { Role } from './roles.js';
import { roleAllows, scopesAllow } from './roles.js';

/**
 * Who made a request, as the token said and the database confirmed at that moment. `subject` is
 * the acting user's id (an API key acts for its creator), or `service` for the `DWC_API_TOKEN`.
 */
export interface Principal {
  subject: string;
  kind: 'user' | 'api_key' | 'service';
  /** The user the request acts for; null for the service token. */
  userId: string | null;
  /** The user's role now (for an API key: its creator's role now). */
  role: Role;
  /** An API key's scopes; null when the role alone decides. */
  scopes: readonly string[] | null;
  /** The login session of an access token. */
  sessionId: string | null;
  apiKeyId: string | null;
  /** A readable name for logs and the audit trail: the e-mail, the key name. */
  label: string;
  /** When the presented credential stops being valid (epoch ms), if it expires. */
  expiresAt: number | null;
}

/** Whether the principal holds `permission`: its role must grant it, and its scopes too when it has some. */
export function principalAllows(principal: Principal, permission: string): boolean {
  if (!roleAllows(principal.role, permission)) return false;
  return principal.scopes === null || scopesAllow(principal.scopes, permission);
}

/** `user:<id>`, `api_key:<id>` or `service`: the audit actor. */
export function auditActor(principal: Principal): string {
  if (principal.kind === 'api_key') return `api_key:${principal.apiKeyId}`;
  if (principal.kind === 'service') return 'service';
  return `user:${principal.userId}`;
}
