// Writes many executions straight into the executions table (oldest first, in batches), for the
// benchmarks of the execution list: 100,000 rows in seconds instead of 100,000 HTTP calls.
import type { Runtime } from '@dwc/runtime';
import { sqlClientOf } from '@dwc/runtime';
import { newId } from '../../core/runtime/src/storage/new-id.js';

const DAY = 86_400_000;

/** `count` executions over the last 60 days before `now`, spread over `workflowIds`: mostly succeeded, some failed, a few cancelled. */
export async function seedExecutions(runtime: Runtime, workflowIds: string[], count: number, now: number): Promise<void> {
  const sql = sqlClientOf(runtime.database);
  const span = 60 * DAY;
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const rows: unknown[] = [];
    const size = Math.min(batch, count - start);
    for (let i = start; i < start + size; i++) {
      const created = now - span + Math.floor((i / count) * span);
      const status = i % 97 === 0 ? 'cancelled' : i % 13 === 0 ? 'failed' : 'succeeded';
      rows.push(newId(created), workflowIds[i % workflowIds.length], 1, status, { n: i }, { result: i }, status === 'failed' ? { code: 'x', message: 'x' } : null,
        { type: 'manual' }, false, new Date(created), new Date(created), new Date(created + 40));
    }
    await sql.transaction((tx) => tx.run(
      `INSERT INTO executions (id, workflow_id, version, status, input, output, error, trigger, cancel_requested, created_at, started_at, finished_at)
       VALUES ${Array.from({ length: size }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows as never[],
    ));
  }
}
