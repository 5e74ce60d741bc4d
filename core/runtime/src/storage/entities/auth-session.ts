import { EntitySchema } from '../typeorm.js';

/**
 * One row of `auth_sessions`: a login and the family of refresh tokens rotated from it. Access
 * tokens carry its id (`sid`); revoking the row ends the session everywhere at once.
 */
export interface AuthSessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  lastRefreshedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const authSessionEntity = new EntitySchema<AuthSessionRow>({
  name: 'auth_session',
  tableName: 'auth_sessions',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    userId: { name: 'user_id', type: 'varchar', length: 26 },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    expiresAt: { name: 'expires_at', type: 'timestamptz' },
    lastRefreshedAt: { name: 'last_refreshed_at', type: 'timestamptz', nullable: true },
    revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
    revokedReason: { name: 'revoked_reason', type: 'varchar', length: 50, nullable: true },
    ip: { name: 'ip', type: 'varchar', length: 64, nullable: true },
    userAgent: { name: 'user_agent', type: 'varchar', length: 300, nullable: true },
  },
  indices: [{ name: 'idx_auth_sessions_user', columns: ['userId'] }],
});
