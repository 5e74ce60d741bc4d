import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const LEVELS = ['read', 'write', 'admin'] as const;
type Level = (typeof LEVELS)[number];

/** The highest level each role holds on every area. Owners also hold owner-only actions (see `isOwner`). */
const ROLE_LEVEL: Record<Role, Level> = { viewer: 'read', editor: 'write', admin: 'admin', owner: 'admin' };

/** The area of a person's own account, sessions, MFA and API keys: every role may read and write it. */
export const SELF_SERVICE_AREA = 'account';

const rank = (level: string): number => LEVELS.indexOf(level as Level);

function split(permission: string): { area: string; level: string } {
  const at = permission.indexOf(':');
  return { area: permission.slice(0, at), level: permission.slice(at + 1) };
}

/** Whether `role` grants `permission` (`<area>:<level>`); a level includes the ones below it. */
export function roleAllows(role: Role, permission: string): boolean {
  if (permission === 'public') return true;
  const { area, level } = split(permission);
  const held = area === SELF_SERVICE_AREA ? Math.max(rank(ROLE_LEVEL[role]), rank('write')) : rank(ROLE_LEVEL[role]);
  return rank(level) >= 0 && rank(level) <= held;
}

/** `<area|*>:<read|write|admin|*>`, e.g. `workflows:read`, `workflows:*`, `*:read`. */
export const SCOPE = /^(\*|[a-z][a-z0-9_-]*):(read|write|admin|\*)$/;
export const scopeSchema = z.string().regex(SCOPE, 'must look like workflows:read, workflows:*, *:read or *:*');

/** Whether one of `scopes` grants `permission`; as with roles, a level includes the ones below it. */
export function scopesAllow(scopes: readonly string[], permission: string): boolean {
  if (permission === 'public') return true;
  const { area, level } = split(permission);
  return scopes.some((scope) => {
    const granted = split(scope);
    if (granted.area !== '*' && granted.area !== area) return false;
    return granted.level === '*' || rank(level) <= rank(granted.level);
  });
}

/** The widest permission a scope asks for, to check it against the creator's role. */
export function scopeWithinRole(role: Role, scope: string): boolean {
  const { area, level } = split(scope);
  const asked = level === '*' ? 'admin' : level;
  return roleAllows(role, `${area === '*' ? 'any' : area}:${asked}`);
}
