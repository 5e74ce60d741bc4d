import { randomBytes } from 'node:crypto';
import { newId } from '../../storage/new-id.js';
import type { SqlClient } from '../../storage/sql-client.js';
import { sha256 } from '../sha256.js';

const COUNT = 10;
const normalise = (code: string): string => code.trim().toLowerCase().replace(/[\s-]/g, '');

/** One-time MFA recovery codes, stored as SHA-256 hashes (each code carries 60 random bits). */
export interface RecoveryCodeStore {
  /** Replaces the user's codes with fresh ones and returns them (shown once). */
  regenerate(userId: string): Promise<string[]>;
  /** Uses a code once; false when it is unknown or already used. */
  consume(userId: string, code: string): Promise<boolean>;
  clear(userId: string): Promise<void>;
}

export function createRecoveryCodeStore(sql: SqlClient): RecoveryCodeStore {
  return {
    async regenerate(userId) {
      const codes = Array.from({ length: COUNT }, () => {
        const hex = randomBytes(8).toString('hex').slice(0, 15);
        return `${hex.slice(0, 5)}-${hex.slice(5, 10)}-${hex.slice(10)}`;
      });
      const now = new Date();
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
        for (const code of codes) {
          await tx.run('INSERT INTO recovery_codes (id, user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, ?, NULL)', [newId(), userId, sha256(normalise(code)), now]);
        }
      });
      return codes;
    },
    async consume(userId, code) {
      const changed = await sql.run('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [new Date(), userId, sha256(normalise(code))]);
      return changed > 0;
    },
    async clear(userId) {
      await sql.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
    },
  };
}
