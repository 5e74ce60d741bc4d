import { EntitySchema } from '../typeorm.js';

/**
 * One row of `users`. `email_key` is the e-mail lower-cased: the unique key that makes e-mails
 * case-insensitive on both dialects. `token_version` is bumped to invalidate every token at once.
 */
export interface UserRow {
  id: string;
  email: string;
  emailKey: string;
  name: string;
  role: string;
  passwordHash: string;
  mfaSecret: string | null;
  mfaEnabled: boolean;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  mfaLastStep: string | null;
  disabled: boolean;
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const userEntity = new EntitySchema<UserRow>({
  name: 'user',
  tableName: 'users',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    email: { name: 'email', type: 'varchar', length: 320 },
    emailKey: { name: 'email_key', type: 'varchar', length: 320, unique: true },
    name: { name: 'name', type: 'varchar', length: 200 },
    role: { name: 'role', type: 'varchar', length: 20 },
    passwordHash: { name: 'password_hash', type: 'varchar', length: 200 },
    mfaSecret: { name: 'mfa_secret', type: 'varchar', length: 100, nullable: true },
    mfaEnabled: { name: 'mfa_enabled', type: 'boolean' },
    mfaLastStep: { name: 'mfa_last_step', type: 'bigint', nullable: true },
    disabled: { name: 'disabled', type: 'boolean' },
    tokenVersion: { name: 'token_version', type: 'integer' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_users_role', columns: ['role'] }],
});
