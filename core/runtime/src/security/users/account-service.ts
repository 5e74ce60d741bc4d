import { AuthenticationError, ConflictError, InputError, NotFoundError, PermissionError } from '@dwc/sdk';
import type { SqlClient } from '../../storage/sql-client.js';
import type { AuditRecorder } from '../audit-recorder.js';
import { hashPassword, verifyPassword } from '../passwords/password-hasher.js';
import { assertStrongPassword } from '../passwords/password-strength.js';
import { auditActor, type Principal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { Role } from '../roles.js';
import type { SessionStore } from '../sessions/session-store.js';
import { publicUser, type PublicUser } from './public-user.js';
import type { UserRecord, UserStore } from './user-store.js';

export interface NewUserInput {
  email: string;
  password: string;
  name?: string;
  role: Role;
}

export interface UserUpdate {
  name?: string;
  role?: Role;
  disabled?: boolean;
}

/** People and their roles: admin user management with the owner rules, registration, password change. */
export interface AccountService {
  me(principal: Principal): Promise<PublicUser>;
  list(): Promise<PublicUser[]>;
  get(id: string): Promise<PublicUser>;
  /** Admins create any role but owner; only owners create owners. */
  create(actor: Principal, input: NewUserInput, meta?: RequestMeta): Promise<PublicUser>;
  update(actor: Principal, id: string, changes: UserUpdate, meta?: RequestMeta): Promise<PublicUser>;
  delete(actor: Principal, id: string, meta?: RequestMeta): Promise<void>;
  /** Self-registration as a viewer; the caller (onboarding) checks that registration is on. */
  register(input: { email: string; password: string; name?: string }, meta?: RequestMeta): Promise<UserRecord>;
  /** Creates an owner without an actor: the first-owner paths (environment or setup token). */
  createFirstOwner(input: { email: string; password: string; name?: string }, meta?: RequestMeta): Promise<UserRecord>;
  /** Requires the current password; ends every other session of the user. */
  changePassword(principal: Principal, input: { current_password: string; new_password: string }, meta?: RequestMeta): Promise<void>;
}

export interface AccountServiceOptions {
  sql: SqlClient;
  users: UserStore;
  sessions: SessionStore;
  audit: AuditRecorder;
  passwordMinScore: number;
}

const nameOf = (email: string, name?: string): string => (name?.trim() ? name.trim() : email.split('@')[0]!);

export function createAccountService(options: AccountServiceOptions): AccountService {
  const { users, sessions, audit, passwordMinScore } = options;
  const where = (meta: RequestMeta = {}) => ({ ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });

  const find = async (id: string): Promise<UserRecord> => {
    const user = await users.get(id);
    if (user === undefined) throw new NotFoundError(`No user with id "${id}".`);
    return user;
  };
  const actingUser = (principal: Principal): string => {
    if (principal.userId === null) throw new PermissionError('The service token is not a user; sign in as one.', { code: 'not_a_user' });
    return principal.userId;
  };
  const newRecord = async (input: { email: string; password: string; name?: string }, role: Role): Promise<UserRecord> => {
    assertStrongPassword(input.password, passwordMinScore, [input.email, input.name ?? '']);
    return users.create({ email: input.email, name: nameOf(input.email, input.name), role, passwordHash: await hashPassword(input.password) });
  };
  const assertNotLastOwner = async (user: UserRecord, what: string) => {
    if (user.role === 'owner' && !user.disabled && (await users.countByRole('owner')) <= 1) {
      throw new ConflictError(`${user.email} is the last owner and cannot be ${what}; make another user owner first.`, { code: 'last_owner' });
    }
  };

  return {
    async me(principal) {
      return publicUser(await find(actingUser(principal)));
    },
    async list() {
      return (await users.list()).map(publicUser);
    },
    async get(id) {
      return publicUser(await find(id));
    },
    async create(actor, input, meta) {
      if (input.role === 'owner' && actor.role !== 'owner') {
        await audit.record({ action: 'auth.permission_denied', outcome: 'failure', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), detail: { reason: 'only owners create owners' } });
        throw new PermissionError('Only an owner can create another owner.', { code: 'owner_only', details: { required: 'owner' } });
      }
      const user = await newRecord(input, input.role);
      await audit.record({ action: 'user.create', outcome: 'success', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${user.id}`, after: { email: user.email, role: user.role } });
      return publicUser(user);
    },
    async update(actor, id, changes, meta) {
      const user = await find(id);
      const touchesOwner = user.role === 'owner' || changes.role === 'owner';
      if (touchesOwner && actor.role !== 'owner' && (changes.role !== undefined || changes.disabled !== undefined)) {
        await audit.record({ action: 'auth.permission_denied', outcome: 'failure', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${id}`, detail: { reason: 'only owners manage owners' } });
        throw new PermissionError('Only an owner can make someone owner or change an owner\'s role or status.', { code: 'owner_only', details: { required: 'owner' } });
      }
      if ((user.role === 'admin' || user.role === 'owner') && changes.role !== undefined && changes.role !== user.role && actor.role !== 'owner') {
        await audit.record({ action: 'auth.permission_denied', outcome: 'failure', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${id}`, detail: { reason: 'only owners change admins\' roles' } });
        throw new PermissionError('Only an owner can change an admin\'s role.', { code: 'owner_only', details: { required: 'owner' } });
      }
      if ((changes.role !== undefined && changes.role !== 'owner') || changes.disabled === true) await assertNotLastOwner(user, 'demoted or disabled');
      const roleChanged = changes.role !== undefined && changes.role !== user.role;
      const revokes = roleChanged || changes.disabled === true;
      const updated = (await users.update(id, changes, { bumpTokenVersion: changes.disabled === true }))!;
      if (revokes && changes.disabled === true) await sessions.revokeAllOf(id, 'user_disabled');
      if (roleChanged) {
        await audit.record({ action: 'user.role_change', outcome: 'success', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${id}`, before: { role: user.role }, after: { role: updated.role } });
      }
      if (changes.name !== undefined || changes.disabled !== undefined) {
        await audit.record({
          action: 'user.update', outcome: 'success', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${id}`,
          before: { name: user.name, disabled: user.disabled }, after: { name: updated.name, disabled: updated.disabled },
        });
      }
      return publicUser(updated);
    },
    async delete(actor, id, meta) {
      const user = await find(id);
      if (user.role === 'owner' && actor.role !== 'owner') {
        throw new PermissionError('Only an owner can delete an owner.', { code: 'owner_only', details: { required: 'owner' } });
      }
      await assertNotLastOwner(user, 'deleted');
      await sessions.revokeAllOf(id, 'user_deleted');
      await users.delete(id);
      await audit.record({ action: 'user.delete', outcome: 'success', actor: auditActor(actor), actorLabel: actor.label, ...where(meta), target: `user:${id}`, before: { email: user.email, role: user.role } });
    },
    async register(input, meta) {
      const user = await newRecord(input, 'viewer');
      await audit.record({ action: 'user.register', outcome: 'success', actor: `user:${user.id}`, actorLabel: user.email, ...where(meta), target: `user:${user.id}`, after: { email: user.email, role: user.role } });
      return user;
    },
    async createFirstOwner(input, meta) {
      if ((await users.countByRole('owner')) > 0) throw new ConflictError('An owner already exists; sign in instead.', { code: 'already_set_up' });
      const user = await newRecord(input, 'owner');
      await audit.record({ action: 'user.create', outcome: 'success', actor: 'system', ...where(meta), target: `user:${user.id}`, after: { email: user.email, role: 'owner' }, detail: { first_owner: true } });
      return user;
    },
    async changePassword(principal, input, meta) {
      const user = await find(actingUser(principal));
      if (!(await verifyPassword(user.passwordHash, input.current_password))) {
        await audit.record({ action: 'user.password_change', outcome: 'failure', actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `user:${user.id}`, detail: { reason: 'wrong current password' } });
        throw new AuthenticationError('The current password is wrong.', { code: 'invalid_credentials' });
      }
      if (input.new_password === input.current_password) throw new InputError('Choose a password different from the current one.', { details: { new_password: ['must differ from the current password'] } });
      assertStrongPassword(input.new_password, passwordMinScore, [user.email, user.name]);
      await users.update(user.id, { passwordHash: await hashPassword(input.new_password) });
      const ended = await sessions.revokeAllOf(user.id, 'password_change', principal.sessionId ?? undefined);
      await audit.record({ action: 'user.password_change', outcome: 'success', actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `user:${user.id}`, detail: { other_sessions_ended: ended } });
    },
  };
}
