import { newId } from '../storage/new-id.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';

/** Step outputs larger than this (as JSON) go to the `blobs` table and are referenced. */
export const DEFAULT_INLINE_OUTPUT_LIMIT = 256 * 1024;

/** An output kept apart from its step row. */
export interface OutputBlob {
  id: string;
  json: string;
}

/** The blob for an output's JSON when it is over `inlineLimit`, else null (kept inline). */
export function spillOutput(json: string | null, inlineLimit: number): OutputBlob | null {
  return json !== null && json.length > inlineLimit ? { id: newId(), json } : null;
}

export async function insertBlob(q: SqlQueries, blob: OutputBlob, executionId: string, at: Date): Promise<void> {
  await q.run('INSERT INTO blobs (id, execution_id, content, size_bytes, created_at) VALUES (?, ?, ?, ?, ?)', [blob.id, executionId, blob.json, Buffer.byteLength(blob.json), at]);
}

/** The stored output, or undefined when there is no such blob. */
export async function readBlob(sql: SqlClient, id: string): Promise<unknown> {
  const row = await sql.get<{ content: string }>('SELECT content FROM blobs WHERE id = ?', [id]);
  return row ? (JSON.parse(row.content) as unknown) : undefined;
}
