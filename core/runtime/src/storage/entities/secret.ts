import { EntitySchema } from '../typeorm.js';

/**
 * One row of `secrets`: a credential sealed with AES-256-GCM (see security/vault). The value is
 * never stored in clear; `key_id` names the master key that sealed it.
 */
export interface SecretRow {
  name: string;
  ciphertext: string;
  iv: string;
  authTag: string;
  keyId: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
}

export const SECRET_NAME_MAX_LENGTH = 128;

export const secretEntity = new EntitySchema<SecretRow>({
  name: 'secret',
  tableName: 'secrets',
  columns: {
    name: { name: 'name', type: 'varchar', length: SECRET_NAME_MAX_LENGTH, primary: true },
    ciphertext: { name: 'ciphertext', type: 'text' },
    iv: { name: 'iv', type: 'varchar', length: 24 },
    authTag: { name: 'auth_tag', type: 'varchar', length: 32 },
    keyId: { name: 'key_id', type: 'varchar', length: 16 },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    updatedBy: { name: 'updated_by', type: 'varchar', length: 200, nullable: true },
  },
  indices: [{ name: 'idx_secrets_key', columns: ['keyId'] }],
});
