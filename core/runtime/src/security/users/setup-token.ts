import type { SqlClient } from '../../storage/sql-client.js';
import { randomToken, sha256 } from '../sha256.js';

const KEY_PREFIX = 'auth.setup_token.';

/**
 * The one-time token that lets the first owner be created over HTTP when no `DWC_ADMIN_EMAIL` was
 * given. Only its SHA-256 is stored (as a settings key); consuming it deletes the row, so it works
 * once even with several processes.
 */
export interface SetupTokens {
  /** Replaces any earlier token with a new one and returns it (to be logged once). */
  issue(): Promise<string>;
  /** True exactly once for a token `issue` returned. */
  consume(token: string): Promise<boolean>;
  /** Removes any outstanding token (an owner now exists). */
  clear(): Promise<void>;
}

export function createSetupTokens(sql: SqlClient): SetupTokens {
  const clear = async () => {
    await sql.run('DELETE FROM settings WHERE key LIKE ?', [`${KEY_PREFIX}%`]);
  };
  return {
    async issue() {
      const token = `dwcs_${randomToken()}`;
      await clear();
      await sql.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [KEY_PREFIX + sha256(token), { purpose: 'first owner setup' }, new Date()]);
      return token;
    },
    async consume(token) {
      return (await sql.run('DELETE FROM settings WHERE key = ?', [KEY_PREFIX + sha256(token)])) > 0;
    },
    clear,
  };
}
