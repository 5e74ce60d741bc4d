import { roleAtLeast, type Role } from '../../lib/roles';

/** The sections of the operations page and the least role that may use each (core/runtime roles.ts). */
export const SECTIONS = [
  { id: 'health', minRole: 'viewer' },
  { id: 'plugins', minRole: 'viewer' },
  { id: 'keys', minRole: 'viewer' },
  { id: 'tasks', minRole: 'viewer' },
  { id: 'users', minRole: 'admin' },
  { id: 'audit', minRole: 'admin' },
] as const satisfies readonly { id: string; minRole: Role }[];

export type SectionId = (typeof SECTIONS)[number]['id'];

export const sectionsFor = (role: Role | undefined) => SECTIONS.filter((s) => roleAtLeast(role, s.minRole));
