import { EntitySchema } from '../typeorm.js';

/** One row of `blobs`: a step output too large to keep inline, stored once and referenced. */
export interface BlobRow {
  id: string;
  executionId: string;
  content: string;
  sizeBytes: number;
  createdAt: Date;
}

export const blobEntity = new EntitySchema<BlobRow>({
  name: 'blob',
  tableName: 'blobs',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    executionId: { name: 'execution_id', type: 'varchar', length: 26 },
    content: { name: 'content', type: 'text' },
    sizeBytes: { name: 'size_bytes', type: 'integer' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_blobs_execution', columns: ['executionId'] }],
});
