import { ConflictError } from '@dwc/sdk';
import { newId } from '../../storage/new-id.js';
import type { SqlClient, SqlQueries } from '../../storage/sql-client.js';
import type { Role } from '../roles.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  mfaSecret: string | null;
  mfaEnabled: boolean;
  /** The last TOTP time step accepted. */
  mfaLastStep: number | null;
  disabled: boolean;
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export type UserChanges = Partial<Pick<UserRecord, 'name' | 'role' | 'passwordHash' | 'mfaSecret' | 'mfaEnabled' | 'disabled'>>;

/** Users in SQL. E-mails are unique regardless of case. */
export interface UserStore {
  create(user: NewUser, tx?: SqlQueries): Promise<UserRecord>;
  get(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  /** A session's user, read with the session in one query (the per-request check of an access token). */
  getBySession(sessionId: string): Promise<{ user: UserRecord; sessionRevoked: boolean } | undefined>;
  list(): Promise<UserRecord[]>;
  countByRole(role: Role, tx?: SqlQueries): Promise<number>;
  /** Applies `changes`, bumps `updated_at`; `bumpTokenVersion` also invalidates the user's tokens. */
  update(id: string, changes: UserChanges, options?: { bumpTokenVersion?: boolean }): Promise<UserRecord | undefined>;
  delete(id: string): Promise<boolean>;
  /** Records a used TOTP time step; false when it (or a later one) was already used: a replay. */
  claimTotpStep(id: string, step: number): Promise<boolean>;
}

const COLUMNS = 'id, email, name, role, password_hash, mfa_secret, mfa_enabled, mfa_last_step, disabled, token_version, created_at, updated_at';

export const emailKey = (email: string): string => email.trim().toLowerCase();

export function createUserStore(sql: SqlClient): UserStore {
  const toRecord = (row: Record<string, unknown>): UserRecord => ({
    id: row.id as string,
    email: row.email as string,
    name: row.name as string,
    role: row.role as Role,
    passwordHash: row.password_hash as string,
    mfaSecret: (row.mfa_secret as string | null) ?? null,
    mfaEnabled: sql.fromBool(row.mfa_enabled),
    mfaLastStep: row.mfa_last_step === null || row.mfa_last_step === undefined ? null : sql.fromInt(row.mfa_last_step),
    disabled: sql.fromBool(row.disabled),
    tokenVersion: sql.fromInt(row.token_version),
    createdAt: sql.fromDate(row.created_at)!,
    updatedAt: sql.fromDate(row.updated_at)!,
  });
  const get = async (id: string) => {
    const row = await sql.get(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return row === undefined ? undefined : toRecord(row);
  };
  return {
    async create(user, tx = sql) {
      const now = new Date();
      const record: UserRecord = { id: newId(), ...user, email: user.email.trim(), mfaSecret: null, mfaEnabled: false, mfaLastStep: null, disabled: false, tokenVersion: 0, createdAt: now, updatedAt: now };
      try {
        await tx.run(
          `INSERT INTO users (id, email, email_key, name, role, password_hash, mfa_secret, mfa_enabled, disabled, token_version, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, ?, ?)`,
          [record.id, record.email, emailKey(record.email), record.name, record.role, record.passwordHash, false, false, now, now],
        );
      } catch (error) {
        if (/unique|duplicate/i.test(String((error as Error).message))) {
          throw new ConflictError(`A user with the e-mail ${record.email} already exists.`, { code: 'email_taken' });
        }
        throw error;
      }
      return record;
    },
    get,
    async findByEmail(email) {
      const row = await sql.get(`SELECT ${COLUMNS} FROM users WHERE email_key = ?`, [emailKey(email)]);
      return row === undefined ? undefined : toRecord(row);
    },
    async getBySession(sessionId) {
      const row = await sql.get(
        `SELECT ${COLUMNS.split(', ').map((column) => `u.${column}`).join(', ')}, s.revoked_at AS session_revoked_at
         FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
        [sessionId],
      );
      return row === undefined ? undefined : { user: toRecord(row), sessionRevoked: row.session_revoked_at !== null && row.session_revoked_at !== undefined };
    },
    async list() {
      return (await sql.all(`SELECT ${COLUMNS} FROM users ORDER BY created_at, id`)).map(toRecord);
    },
    async countByRole(role, tx = sql) {
      const row = await tx.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM users WHERE role = ? AND disabled = ?', [role, false]);
      return Number(row?.n ?? 0);
    },
    async update(id, changes, options = {}) {
      const columns: Record<keyof UserChanges, string> = {
        name: 'name', role: 'role', passwordHash: 'password_hash', mfaSecret: 'mfa_secret', mfaEnabled: 'mfa_enabled', disabled: 'disabled',
      };
      const sets: string[] = [];
      const params: (string | boolean | Date | null)[] = [];
      for (const [key, column] of Object.entries(columns) as [keyof UserChanges, string][]) {
        if (changes[key] === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(changes[key] as string | boolean | null);
      }
      if (options.bumpTokenVersion) sets.push('token_version = token_version + 1');
      sets.push('updated_at = ?');
      params.push(new Date());
      const changed = await sql.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
      return changed === 0 ? undefined : get(id);
    },
    async claimTotpStep(id, step) {
      return (await sql.run('UPDATE users SET mfa_last_step = ? WHERE id = ? AND (mfa_last_step IS NULL OR mfa_last_step < ?)', [step, id, step])) > 0;
    },
    async delete(id) {
      return (await sql.run('DELETE FROM users WHERE id = ?', [id])) > 0;
    },
  };
}
