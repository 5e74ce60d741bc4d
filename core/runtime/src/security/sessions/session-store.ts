import { newId } from '../../storage/new-id.js';
import type { SqlClient } from '../../storage/sql-client.js';
import { randomToken, sha256 } from '../sha256.js';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What presenting a refresh token did. */
export type RotateResult =
  | { outcome: 'rotated'; session: SessionRecord; refreshToken: string }
  | { outcome: 'unknown' | 'expired' | 'revoked' }
  /** The token was already rotated: someone replayed it, so the whole session (family) is now revoked. */
  | { outcome: 'reused'; session: SessionRecord };

const PREFIX = 'dwcr_';

/**
 * Login sessions and their rotating refresh tokens. Only SHA-256 hashes of refresh tokens are
 * stored; each token may be rotated once; a second use revokes its session.
 */
export interface SessionStore {
  start(userId: string, meta: { ip?: string | null; userAgent?: string | null; ttlSeconds: number }): Promise<{ session: SessionRecord; refreshToken: string }>;
  rotate(refreshToken: string, ttlSeconds: number): Promise<RotateResult>;
  get(id: string): Promise<SessionRecord | undefined>;
  revoke(id: string, reason: string): Promise<boolean>;
  /** Revokes every live session of a user except `keep`; returns how many. */
  revokeAllOf(userId: string, reason: string, keep?: string): Promise<number>;
}

export function createSessionStore(sql: SqlClient): SessionStore {
  const toRecord = (row: Record<string, unknown>): SessionRecord => ({
    id: row.id as string,
    userId: row.user_id as string,
    createdAt: sql.fromDate(row.created_at)!,
    expiresAt: sql.fromDate(row.expires_at)!,
    revokedAt: sql.fromDate(row.revoked_at),
  });
  const get = async (id: string) => {
    const row = await sql.get('SELECT id, user_id, created_at, expires_at, revoked_at FROM auth_sessions WHERE id = ?', [id]);
    return row === undefined ? undefined : toRecord(row);
  };
  const revoke = async (id: string, reason: string) =>
    (await sql.run('UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL', [new Date(), reason, id])) > 0;
  const newToken = async (sessionId: string, ttlSeconds: number, tx = sql as Pick<SqlClient, 'run'>) => {
    const token = PREFIX + randomToken();
    const now = new Date();
    await tx.run('INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      newId(), sessionId, sha256(token), now, new Date(now.getTime() + ttlSeconds * 1000),
    ]);
    return token;
  };
  return {
    async start(userId, meta) {
      const now = new Date();
      const session: SessionRecord = { id: newId(), userId, createdAt: now, expiresAt: new Date(now.getTime() + meta.ttlSeconds * 1000), revokedAt: null };
      const refreshToken = await sql.transaction(async (tx) => {
        await tx.run('INSERT INTO auth_sessions (id, user_id, created_at, expires_at, last_refreshed_at, revoked_at, revoked_reason, ip, user_agent) VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, ?)', [
          session.id, userId, now, session.expiresAt, meta.ip?.slice(0, 64) ?? null, meta.userAgent?.slice(0, 300) ?? null,
        ]);
        return newToken(session.id, meta.ttlSeconds, tx);
      });
      return { session, refreshToken };
    },
    async rotate(refreshToken, ttlSeconds) {
      if (!refreshToken.startsWith(PREFIX)) return { outcome: 'unknown' };
      const row = await sql.get<Record<string, unknown>>('SELECT id, session_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = ?', [sha256(refreshToken)]);
      if (row === undefined) return { outcome: 'unknown' };
      const session = await get(row.session_id as string);
      if (session === undefined) return { outcome: 'unknown' };
      if (row.used_at !== null && row.used_at !== undefined) {
        await revoke(session.id, 'refresh_reuse');
        return { outcome: 'reused', session };
      }
      if (session.revokedAt !== null) return { outcome: 'revoked' };
      const now = new Date();
      if (sql.fromDate(row.expires_at)! <= now || session.expiresAt <= now) return { outcome: 'expired' };
      // Only one caller can mark the token used; a racing second use counts as reuse.
      const claimed = await sql.run('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL', [now, row.id as string]);
      if (claimed === 0) {
        await revoke(session.id, 'refresh_reuse');
        return { outcome: 'reused', session };
      }
      const token = await newToken(session.id, ttlSeconds);
      await sql.run('UPDATE auth_sessions SET last_refreshed_at = ? WHERE id = ?', [now, session.id]);
      return { outcome: 'rotated', session, refreshToken: token };
    },
    get,
    revoke,
    async revokeAllOf(userId, reason, keep) {
      return sql.run('UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?', [new Date(), reason, userId, keep ?? '']);
    },
  };
}
