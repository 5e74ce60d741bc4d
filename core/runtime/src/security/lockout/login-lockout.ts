import type { SqlClient } from '../../storage/sql-client.js';
import { emailKey } from '../users/user-store.js';

export interface LockoutPolicy {
  /** Failed logins in a row before the account name is locked. */
  threshold: number;
  /** First lock length; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * Failed-login counting per account name with exponential backoff, kept in the database so every
 * process sharing it sees the same lock. Unknown names are counted too, so the lock does not reveal
 * which accounts exist.
 */
export interface LoginLockout {
  /** Seconds until the name may try again; 0 when it is not locked. */
  retryAfter(account: string, now?: number): Promise<number>;
  /** Counts a failure; returns the lock length in seconds it started (0 when none). */
  fail(account: string, now?: number): Promise<number>;
  reset(account: string): Promise<void>;
}

export function createLoginLockout(sql: SqlClient, policy: LockoutPolicy): LoginLockout {
  return {
    async retryAfter(account, now = Date.now()) {
      const row = await sql.get<{ locked_until: unknown }>('SELECT locked_until FROM login_failures WHERE account_key = ?', [emailKey(account)]);
      if (row?.locked_until === null || row?.locked_until === undefined) return 0;
      const until = sql.fromInt(row.locked_until);
      return until > now ? Math.ceil((until - now) / 1000) : 0;
    },
    async fail(account, now = Date.now()) {
      const key = emailKey(account).slice(0, 320);
      return sql.transaction(async (tx) => {
        // One atomic upsert, so racing failures from several processes all count.
        const row = await tx.get<{ failures: unknown }>(
          `INSERT INTO login_failures (account_key, failures, locked_until, last_failure_at) VALUES (?, 1, NULL, ?)
           ON CONFLICT (account_key) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = excluded.last_failure_at
           RETURNING failures`,
          [key, new Date(now)],
        );
        const over = Number(row?.failures ?? 1) - policy.threshold;
        const seconds = over < 0 ? 0 : Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(over, 30));
        if (seconds > 0) await tx.run('UPDATE login_failures SET locked_until = ? WHERE account_key = ?', [now + seconds * 1000, key]);
        return seconds;
      });
    },
    async reset(account) {
      await sql.run('DELETE FROM login_failures WHERE account_key = ?', [emailKey(account)]);
    },
  };
}
