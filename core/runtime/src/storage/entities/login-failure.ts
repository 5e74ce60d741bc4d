import { EntitySchema } from '../typeorm.js';

/**
 * One row of `login_failures`: consecutive failed logins for one account name (lower-cased, known
 * or not) and until when it is locked. Kept in the database so every process sees the lockout.
 * `locked_until` is epoch milliseconds so both dialects compare plain numbers.
 */
export interface LoginFailureRow {
  accountKey: string;
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: Date;
}

export const loginFailureEntity = new EntitySchema<LoginFailureRow>({
  name: 'login_failure',
  tableName: 'login_failures',
  columns: {
    accountKey: { name: 'account_key', type: 'varchar', length: 320, primary: true },
    failures: { name: 'failures', type: 'integer' },
    lockedUntil: { name: 'locked_until', type: 'bigint', nullable: true },
    lastFailureAt: { name: 'last_failure_at', type: 'timestamptz' },
  },
});
