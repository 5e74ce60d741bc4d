import { EntitySchema } from '../typeorm.js';

/** One row of `document_embeddings`: a document's vector from one provider and model. */
export interface DocumentEmbeddingRow {
  documentId: string;
  provider: string;
  model: string;
  dims: number;
  /** Little-endian Float32 values, base64: 4 bytes a dimension plus a third, the same text in both dialects. */
  vector: string;
  workflowId: string | null;
  createdAt: Date;
}

export const documentEmbeddingEntity = new EntitySchema<DocumentEmbeddingRow>({
  name: 'documentEmbedding',
  tableName: 'document_embeddings',
  columns: {
    documentId: { name: 'document_id', type: 'varchar', length: 26, primary: true },
    provider: { name: 'provider', type: 'varchar', length: 100, primary: true },
    model: { name: 'model', type: 'varchar', length: 200, primary: true },
    dims: { name: 'dims', type: 'integer' },
    vector: { name: 'vector', type: 'text' },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_document_embeddings_model', columns: ['provider', 'model', 'createdAt'] }],
});
