import { createHash } from 'node:crypto';
import type { DocumentRow } from '../storage/entities/document.js';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import { whereClause } from '../storage/where-clause.js';

/** A stored document: its row (the entity), with the format and metadata typed. */
export type DocumentRecord = Omit<DocumentRow, 'format' | 'metadata'> & {
  format: 'text' | 'markdown' | 'html' | 'json';
  metadata: Record<string, unknown>;
};

export type DocumentSummary = Omit<DocumentRecord, 'content'>;

export type DocumentStore = ReturnType<typeof createDocumentStore>;

const MAX_LINEAGE_DEPTH = 100;

/** Documents produced by steps, and their lineage (parent documents and derived ones). */
export function createDocumentStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): DocumentRecord => ({
    id: row.id as string,
    executionId: (row.execution_id as string | null) ?? null,
    workflowId: (row.workflow_id as string | null) ?? null,
    stepId: (row.step_id as string | null) ?? null,
    parentId: (row.parent_id as string | null) ?? null,
    title: row.title as string,
    content: (row.content as string | undefined) ?? '',
    format: row.format as DocumentRecord['format'],
    metadata: sql.fromJson<Record<string, unknown>>(row.metadata) ?? {},
    sizeBytes: sql.fromInt(row.size_bytes),
    checksum: row.checksum as string,
    createdAt: sql.fromDate(row.created_at)!,
  });
  const toSummary = (row: Record<string, unknown>): DocumentSummary => {
    const { content: _content, ...summary } = toRecord(row);
    return summary;
  };
  const summaryColumns = 'id, execution_id, workflow_id, step_id, parent_id, title, format, metadata, size_bytes, checksum, created_at';

  return {
    /** Stores a document no step produced (a report, say), under `id` when given; its id. */
    async create(doc: { id?: string; title: string; content: string; format: DocumentRecord['format']; metadata: Record<string, unknown> }): Promise<string> {
      const id = doc.id ?? newId();
      await sql.run(
        `INSERT INTO documents (id, execution_id, workflow_id, step_id, parent_id, title, content, format, metadata, size_bytes, checksum, created_at)
         VALUES (?, NULL, NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)`,
        [id, doc.title, doc.content, doc.format, doc.metadata, Buffer.byteLength(doc.content), createHash('sha256').update(doc.content).digest('hex'), new Date()],
      );
      return id;
    },

    async get(id: string): Promise<DocumentRecord | undefined> {
      const row = await sql.get('SELECT * FROM documents WHERE id = ?', [id]);
      return row ? toRecord(row) : undefined;
    },

    /** Newest first, without content; filter by execution, workflow, or a title/content search. */
    async list(filter: { executionId?: string; workflowId?: string; query?: string; limit: number; before?: string }): Promise<DocumentSummary[]> {
      const where = whereClause([
        ['execution_id = ?', filter.executionId],
        ['workflow_id = ?', filter.workflowId],
        ['id < ?', filter.before],
        ['(LOWER(title) LIKE ? OR LOWER(content) LIKE ?)', filter.query ? `%${filter.query.toLowerCase().replace(/[%_\\]/g, '')}%` : undefined],
      ]);
      const rows = await sql.all(`SELECT ${summaryColumns} FROM documents ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
      return rows.map(toSummary);
    },

    /** The chain of parents up to the root (nearest first) and every document derived from this one. */
    async lineage(id: string): Promise<{ ancestors: DocumentSummary[]; descendants: DocumentSummary[] }> {
      const ancestors: DocumentSummary[] = [];
      let current = await sql.get<Record<string, unknown>>(`SELECT ${summaryColumns} FROM documents WHERE id = ?`, [id]);
      const seen = new Set<string>([id]);
      while (current?.parent_id && ancestors.length < MAX_LINEAGE_DEPTH && !seen.has(current.parent_id as string)) {
        seen.add(current.parent_id as string);
        current = await sql.get<Record<string, unknown>>(`SELECT ${summaryColumns} FROM documents WHERE id = ?`, [current.parent_id]);
        if (current) ancestors.push(toSummary(current));
      }
      const descendants: DocumentSummary[] = [];
      let frontier = [id];
      for (let depth = 0; frontier.length > 0 && depth < MAX_LINEAGE_DEPTH; depth++) {
        const rows = await sql.all(`SELECT ${summaryColumns} FROM documents WHERE parent_id IN (${frontier.map(() => '?').join(', ')}) ORDER BY id`, frontier);
        const fresh = rows.map(toSummary).filter((doc) => !seen.has(doc.id));
        fresh.forEach((doc) => seen.add(doc.id));
        descendants.push(...fresh);
        frontier = fresh.map((doc) => doc.id);
      }
      return { ancestors, descendants };
    },
  };
}
