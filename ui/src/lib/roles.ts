import { useAuth, type SessionUser } from './auth-store';

export type Role = SessionUser['role'];

const ORDER: readonly Role[] = ['viewer', 'editor', 'admin', 'owner'];

/** Whether `role` holds at least `least` (the server's order: viewer < editor < admin < owner). */
export function roleAtLeast(role: Role | undefined, least: Role): boolean {
  return role !== undefined && ORDER.indexOf(role) >= ORDER.indexOf(least);
}

const LEVELS = ['read', 'write', 'admin'] as const;
/** The highest level each role holds on every area, as core/runtime/src/security/roles.ts grants it. */
const ROLE_LEVEL: Record<Role, (typeof LEVELS)[number]> = { viewer: 'read', editor: 'write', admin: 'admin', owner: 'admin' };

/** Whether `role` may do what the server guards with `permission` (`<area>:<read|write|admin>`); the own account is everyone's to write. */
export function roleCan(role: Role | undefined, permission: `${string}:${'read' | 'write' | 'admin'}`): boolean {
  if (role === undefined) return false;
  const [area, level] = permission.split(':') as [string, (typeof LEVELS)[number]];
  const held = area === 'account' ? Math.max(LEVELS.indexOf(ROLE_LEVEL[role]), LEVELS.indexOf('write')) : LEVELS.indexOf(ROLE_LEVEL[role]);
  return LEVELS.indexOf(level) <= held;
}

/** Whether the signed-in person may do what `permission` guards (to hide what their role cannot do). */
export function useCan(permission: Parameters<typeof roleCan>[1]): boolean {
  return useAuth((s) => roleCan(s.user?.role, permission));
}
