import type { SqlQueries } from '../storage/sql-client.js';

/** A finished execution the pruner removes. */
export interface PruneCandidate {
  id: string;
  workflowId: string;
}

/** Rows one batch removed, by table. */
export interface PrunedRows {
  executions: number;
  steps: number;
  blobs: number;
  jobs: number;
  documents: number;
  /** Finished background-task jobs (by the server's days). */
  tasks: number;
}

export const noRowsPruned = (): PrunedRows => ({ executions: 0, steps: 0, blobs: 0, jobs: 0, documents: 0, tasks: 0 });

const FINISHED = "('succeeded', 'failed', 'cancelled')";

/**
 * Removes `batch` (finished executions) within `tx`: their steps, output blobs and queue jobs, and
 * their documents when `withDocuments` says so for their workflow. A blob that a surviving
 * re-run's carried-over step still reads is handed to that execution instead of removed.
 */
export async function deleteExecutions(tx: SqlQueries, batch: readonly PruneCandidate[], withDocuments: (workflowId: string) => boolean): Promise<PrunedRows> {
  if (batch.length === 0) return noRowsPruned();
  const ids = batch.map((row) => row.id);
  const list = ids.map(() => '?').join(', ');

  const shared = await tx.all<{ blob_id: string; keeper: string }>(
    `SELECT s.output_blob_id AS blob_id, MAX(s.execution_id) AS keeper
     FROM blobs b JOIN execution_steps s ON s.output_blob_id = b.id AND s.output_blob_id IS NOT NULL
     WHERE b.execution_id IN (${list}) AND s.execution_id NOT IN (${list})
     GROUP BY s.output_blob_id`,
    [...ids, ...ids],
  );
  for (const { blob_id, keeper } of shared) await tx.run('UPDATE blobs SET execution_id = ? WHERE id = ?', [keeper, blob_id]);

  const rows = noRowsPruned();
  rows.blobs = await tx.run(`DELETE FROM blobs WHERE execution_id IN (${list})`, ids);
  rows.steps = await tx.run(`DELETE FROM execution_steps WHERE execution_id IN (${list})`, ids);
  rows.jobs = await tx.run(`DELETE FROM jobs WHERE id IN (${list}) AND status NOT IN ('queued', 'running')`, ids);

  const documentsOf = batch.filter((row) => withDocuments(row.workflowId)).map((row) => row.id);
  if (documentsOf.length > 0) {
    const of = documentsOf.map(() => '?').join(', ');
    await tx.run(`DELETE FROM document_embeddings WHERE document_id IN (SELECT id FROM documents WHERE execution_id IN (${of}))`, documentsOf);
    rows.documents = await tx.run(`DELETE FROM documents WHERE execution_id IN (${of})`, documentsOf);
  }
  rows.executions = await tx.run(`DELETE FROM executions WHERE id IN (${list}) AND status IN ${FINISHED}`, ids);
  return rows;
}
