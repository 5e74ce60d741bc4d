import type { SqlClient } from '../storage/sql-client.js';
import { cosine, decodeVector, encodeVector } from './vector-codec.js';

export interface StoredEmbedding {
  documentId: string;
  provider: string;
  model: string;
  vector: readonly number[];
  workflowId: string | null;
}

export interface SearchHit {
  documentId: string;
  score: number;
}

export type EmbeddingStore = ReturnType<typeof createEmbeddingStore>;

/**
 * Document vectors (`document_embeddings`), one per document, provider and model, and exact
 * cosine search in process: a search reads at most `maxVectors` vectors of one provider/model
 * (newest first) and scores them all, so it suits up to about 10^5 documents per model.
 */
export function createEmbeddingStore(sql: SqlClient) {
  return {
    /** Saves (or replaces) vectors, in one transaction. */
    async save(rows: readonly StoredEmbedding[]): Promise<void> {
      if (rows.length === 0) return;
      const now = new Date();
      await sql.transaction(async (tx) => {
        for (const row of rows) {
          await tx.run(
            `INSERT INTO document_embeddings (document_id, provider, model, dims, vector, workflow_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (document_id, provider, model) DO UPDATE SET dims = excluded.dims, vector = excluded.vector, workflow_id = excluded.workflow_id, created_at = excluded.created_at`,
            [row.documentId, row.provider, row.model, row.vector.length, encodeVector(row.vector), row.workflowId, now],
          );
        }
      });
    },

    /** The provider/model holding the most vectors: what a search without a provider uses. */
    async mostUsedModel(): Promise<{ provider: string; model: string; count: number } | undefined> {
      const row = await sql.get('SELECT provider, model, COUNT(*) AS n FROM document_embeddings GROUP BY provider, model ORDER BY n DESC, provider LIMIT 1');
      return row ? { provider: row.provider as string, model: row.model as string, count: sql.fromInt(row.n) } : undefined;
    },

    async count(provider: string, model: string, workflowId?: string): Promise<number> {
      const row = await sql.get(`SELECT COUNT(*) AS n FROM document_embeddings WHERE provider = ? AND model = ?${workflowId ? ' AND workflow_id = ?' : ''}`, workflowId ? [provider, model, workflowId] : [provider, model]);
      return sql.fromInt(row?.n ?? 0);
    },

    /** Top hits by cosine similarity to `query`, best first, from `offset`. */
    async search(query: { provider: string; model: string; vector: readonly number[]; workflowId?: string | undefined; limit: number; offset: number; maxVectors: number; minScore?: number }): Promise<{ hits: SearchHit[]; scanned: number; total: number }> {
      const rows = await sql.all<{ document_id: string; vector: string }>(
        `SELECT document_id, vector FROM document_embeddings WHERE provider = ? AND model = ?${query.workflowId ? ' AND workflow_id = ?' : ''} ORDER BY created_at DESC LIMIT ?`,
        query.workflowId ? [query.provider, query.model, query.workflowId, query.maxVectors] : [query.provider, query.model, query.maxVectors],
      );
      const scored = rows
        .map((row) => ({ documentId: row.document_id, score: cosine(query.vector, decodeVector(row.vector)) }))
        .filter((hit) => hit.score >= (query.minScore ?? -1));
      scored.sort((a, b) => b.score - a.score || a.documentId.localeCompare(b.documentId));
      return { hits: scored.slice(query.offset, query.offset + query.limit), scanned: rows.length, total: scored.length };
    },
  };
}
