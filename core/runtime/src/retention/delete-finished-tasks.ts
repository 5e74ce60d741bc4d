import type { SqlQueries } from '../storage/sql-client.js';

/**
 * Removes up to `limit` finished background-task jobs created before `before` (an id: job ids sort
 * by creation time); returns how many. Execution jobs go with their executions instead.
 */
export function deleteFinishedTasks(tx: SqlQueries, before: string, limit: number): Promise<number> {
  return tx.run(
    `DELETE FROM jobs WHERE id IN (
       SELECT id FROM jobs WHERE kind = 'task' AND status IN ('succeeded', 'failed', 'cancelled') AND id < ? ORDER BY id LIMIT ?)`,
    [before, limit],
  );
}
