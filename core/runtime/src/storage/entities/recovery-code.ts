import { EntitySchema } from '../typeorm.js';

/** One row of `recovery_codes`: the SHA-256 of an MFA recovery code; `used_at` makes it one-time. */
export interface RecoveryCodeRow {
  id: string;
  userId: string;
  codeHash: string;
  createdAt: Date;
  usedAt: Date | null;
}

export const recoveryCodeEntity = new EntitySchema<RecoveryCodeRow>({
  name: 'recovery_code',
  tableName: 'recovery_codes',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    userId: { name: 'user_id', type: 'varchar', length: 26 },
    codeHash: { name: 'code_hash', type: 'varchar', length: 64 },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    usedAt: { name: 'used_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'idx_recovery_codes_user', columns: ['userId'] }],
});
