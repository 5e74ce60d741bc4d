import type { SessionUser } from './auth-store';

export type Role = SessionUser['role'];

const ORDER: readonly Role[] = ['viewer', 'editor', 'admin', 'owner'];

/** Whether `role` holds at least `least` (the server's order: viewer < editor < admin < owner). */
export function roleAtLeast(role: Role | undefined, least: Role): boolean {
  return role !== undefined && ORDER.indexOf(role) >= ORDER.indexOf(least);
}
