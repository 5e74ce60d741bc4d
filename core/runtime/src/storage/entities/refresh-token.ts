import { EntitySchema } from '../typeorm.js';

/**
 * One row of `refresh_tokens`: the SHA-256 of a refresh token (never the token). `used_at` is set
 * when it is rotated; presenting a used token again revokes its session (the whole family).
 */
export interface RefreshTokenRow {
  id: string;
  sessionId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export const refreshTokenEntity = new EntitySchema<RefreshTokenRow>({
  name: 'refresh_token',
  tableName: 'refresh_tokens',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    sessionId: { name: 'session_id', type: 'varchar', length: 26 },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64, unique: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    expiresAt: { name: 'expires_at', type: 'timestamptz' },
    usedAt: { name: 'used_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_refresh_tokens_session', columns: ['sessionId'] }],
});
