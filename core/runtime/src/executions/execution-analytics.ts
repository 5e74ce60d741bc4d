import type { SqlClient } from '../storage/sql-client.js';
import type { ExecutionStatus } from './execution-types.js';

export interface WorkflowAnalytics {
  total: number;
  byStatus: Record<string, number>;
  /** Succeeded over succeeded + failed; null before any ended. */
  successRate: number | null;
  meanDurationMs: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  lastRunAt: Date | null;
  stepFailures: { stepId: string; failures: number }[];
}

/**
 * A workflow's counts by status, durations of its last 1,000 finished runs, and failures per step;
 * with `since`, only of the runs created from then on.
 */
export async function workflowAnalytics(sql: SqlClient, workflowId: string, since?: Date): Promise<WorkflowAnalytics> {
  const from = since === undefined ? '' : ' AND created_at >= ?';
  const params = since === undefined ? [workflowId] : [workflowId, since];
  const counts = await sql.all<{ status: ExecutionStatus; n: unknown }>(`SELECT status, COUNT(*) AS n FROM executions WHERE workflow_id = ?${from} GROUP BY status`, params);
  const finished = await sql.all(
    `SELECT started_at, finished_at FROM executions WHERE workflow_id = ?${from} AND finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY id DESC LIMIT 1000`,
    params,
  );
  const failures = await sql.all<{ step_id: string; n: unknown }>(
    `SELECT s.step_id, COUNT(*) AS n FROM execution_steps s JOIN executions e ON e.id = s.execution_id
     WHERE e.workflow_id = ?${from.replace('created_at', 'e.created_at')} AND s.item_index = -1 AND s.status = 'failed' GROUP BY s.step_id ORDER BY n DESC`,
    params,
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
    p50DurationMs: quantile(durations, 0.5),
    p95DurationMs: quantile(durations, 0.95),
    lastRunAt: last ? sql.fromDate(last.created_at) : null,
    stepFailures: failures.map((row) => ({ stepId: row.step_id, failures: sql.fromInt(row.n) })),
  };
}

/** The nearest-rank quantile of sorted values; null when there are none. */
function quantile(sorted: readonly number[], q: number): number | null {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : null;
}
