import type { SqlClient } from '../storage/sql-client.js';
import type { ExecutionStatus } from './execution-types.js';

export interface WorkflowAnalytics {
  total: number;
  byStatus: Record<string, number>;
  /** Succeeded over succeeded + failed; null before any ended. */
  successRate: number | null;
  meanDurationMs: number | null;
  p95DurationMs: number | null;
  lastRunAt: Date | null;
  stepFailures: { stepId: string; failures: number }[];
}

/** A workflow's counts by status, durations of its last 1,000 finished runs, and failures per step. */
export async function workflowAnalytics(sql: SqlClient, workflowId: string): Promise<WorkflowAnalytics> {
  const counts = await sql.all<{ status: ExecutionStatus; n: unknown }>('SELECT status, COUNT(*) AS n FROM executions WHERE workflow_id = ? GROUP BY status', [workflowId]);
  const finished = await sql.all(
    `SELECT started_at, finished_at FROM executions WHERE workflow_id = ? AND finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY id DESC LIMIT 1000`,
    [workflowId],
  );
  const failures = await sql.all<{ step_id: string; n: unknown }>(
    `SELECT s.step_id, COUNT(*) AS n FROM execution_steps s JOIN executions e ON e.id = s.execution_id
     WHERE e.workflow_id = ? AND s.item_index = -1 AND s.status = 'failed' GROUP BY s.step_id ORDER BY n DESC`,
    [workflowId],
  );
  const last = await sql.get<{ created_at: unknown }>('SELECT created_at FROM executions WHERE workflow_id = ? ORDER BY id DESC LIMIT 1', [workflowId]);
  const byStatus: Record<string, number> = {};
  for (const { status, n } of counts) byStatus[status] = sql.fromInt(n);
  const durations = finished.map((row) => sql.fromDate(row.finished_at)!.getTime() - sql.fromDate(row.started_at)!.getTime()).sort((a, b) => a - b);
  const ended = (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0);
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    successRate: ended === 0 ? null : (byStatus.succeeded ?? 0) / ended,
    meanDurationMs: durations.length ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
    p95DurationMs: durations.length ? durations[Math.min(durations.length - 1, Math.ceil(0.95 * durations.length) - 1)]! : null,
    lastRunAt: last ? sql.fromDate(last.created_at) : null,
    stepFailures: failures.map((row) => ({ stepId: row.step_id, failures: sql.fromInt(row.n) })),
  };
}
