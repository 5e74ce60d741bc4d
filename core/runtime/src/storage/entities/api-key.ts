import { EntitySchema } from '../typeorm.js';

/** One row of `api_keys`: the SHA-256 of the key, the prefix shown to identify it, its scopes. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'api_key',
  tableName: 'api_keys',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    name: { name: 'name', type: 'varchar', length: 200 },
    prefix: { name: 'prefix', type: 'varchar', length: 20 },
    keyHash: { name: 'key_hash', type: 'varchar', length: 64, unique: true },
    scopes: { name: 'scopes', type: 'jsonb' },
    createdBy: { name: 'created_by', type: 'varchar', length: 26 },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
    lastUsedAt: { name: 'last_used_at', type: 'timestamptz', nullable: true },
    revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_api_keys_created_by', columns: ['createdBy'] }],
});
