import { EntitySchema } from '../typeorm.js';

/** One row of `documents`: a document a step produced, with its lineage. */
export interface DocumentRow {
  id: string;
  executionId: string | null;
  workflowId: string | null;
  stepId: string | null;
  parentId: string | null;
  title: string;
  content: string;
  format: string;
  metadata: object;
  sizeBytes: number;
  checksum: string;
  createdAt: Date;
}

export const documentEntity = new EntitySchema<DocumentRow>({
  name: 'document',
  tableName: 'documents',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    executionId: { name: 'execution_id', type: 'varchar', length: 26, nullable: true },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, nullable: true },
    stepId: { name: 'step_id', type: 'varchar', length: 64, nullable: true },
    parentId: { name: 'parent_id', type: 'varchar', length: 26, nullable: true },
    title: { name: 'title', type: 'varchar', length: 500 },
    content: { name: 'content', type: 'text' },
    format: { name: 'format', type: 'varchar', length: 20 },
    metadata: { name: 'metadata', type: 'jsonb' },
    sizeBytes: { name: 'size_bytes', type: 'integer' },
    checksum: { name: 'checksum', type: 'varchar', length: 64 },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [
    { name: 'idx_documents_execution', columns: ['executionId'] },
    { name: 'idx_documents_parent', columns: ['parentId'] },
    { name: 'idx_documents_created', columns: ['createdAt'] },
  ],
});
