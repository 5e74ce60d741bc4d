import { firstIdAt } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import type { DurationBucket } from './duration-buckets.js';

/** Two consecutive periods: `previous` is [previousFrom, from), `current` is [from, to). */
export interface Periods {
  previousFrom: number;
  from: number;
  to: number;
}

export interface WorkflowPeriodRow {
  period: 'current' | 'previous';
  workflowId: string;
  status: string;
  /** Null for executions that have not ended (no duration). */
  bucket: Omit<DurationBucket, 'count'> | null;
  count: number;
}

/** Duration in whole ms of an ended execution, in each dialect's SQL. */
const DURATION_MS = {
  sqlite: 'CAST(ROUND((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER)',
  postgres: 'CAST(EXTRACT(EPOCH FROM (finished_at - started_at)) * 1000 AS bigint)',
} as const;

// A duration's digit count and two leading digits by integer comparisons and division (cheaper than text).
const POWERS = Array.from({ length: 11 }, (_, i) => 10 ** (i + 1));
const DIGITS = `CASE WHEN dur IS NULL THEN NULL ${POWERS.map((p, i) => `WHEN dur < ${p} THEN ${i + 1}`).join(' ')} ELSE 12 END`;
const HEAD = `CASE WHEN dur IS NULL THEN NULL WHEN dur < 100 THEN dur ${POWERS.slice(2).map((p) => `WHEN dur < ${p} THEN dur / ${p / 100}`).join(' ')} ELSE dur / ${10 ** 10} END`;

/**
 * Executions of both periods by workflow, status and duration bucket, in one pass over the
 * executions table. The period is read from the id (a ULID starts with its creation time), so the
 * primary key bounds the scan and no other index is needed.
 */
export async function executionsByPeriod(sql: SqlClient, periods: Periods): Promise<WorkflowPeriodRow[]> {
  const rows = await sql.all<{ current: unknown; workflow_id: string; status: string; digits: unknown; head: unknown; n: unknown }>(
    `SELECT current, workflow_id, status, ${DIGITS} AS digits, ${HEAD} AS head, COUNT(*) AS n
     FROM (SELECT CASE WHEN id >= ? THEN 1 ELSE 0 END AS current, workflow_id, status,
                  CASE WHEN finished_at IS NULL OR started_at IS NULL THEN NULL ELSE ${DURATION_MS[sql.dialect]} END AS dur
           FROM executions WHERE id >= ? AND id < ?) runs
     GROUP BY 1, 2, 3, 4, 5`,
    [firstIdAt(periods.from), firstIdAt(periods.previousFrom), firstIdAt(periods.to)],
  );
  return rows.map((row) => ({
    period: sql.fromInt(row.current) === 1 ? 'current' : 'previous',
    workflowId: row.workflow_id,
    status: row.status,
    bucket: row.digits === null || row.head === null ? null : { digits: sql.fromInt(row.digits), head: Math.max(0, sql.fromInt(row.head)) },
    count: sql.fromInt(row.n),
  }));
}

export interface AiPeriodTotals {
  calls: number;
  tokens: number;
  costUsd: number;
}

/** AI calls, tokens and cost of both periods. */
export async function aiByPeriod(sql: SqlClient, periods: Periods): Promise<{ current: AiPeriodTotals; previous: AiPeriodTotals }> {
  const rows = await sql.all<{ current: unknown; calls: unknown; tokens: unknown; cost: unknown }>(
    `SELECT CASE WHEN created_at >= ? THEN 1 ELSE 0 END AS current, COUNT(*) AS calls, SUM(input_tokens + output_tokens) AS tokens, SUM(cost_usd) AS cost
     FROM ai_usage WHERE created_at >= ? AND created_at < ? GROUP BY 1`,
    [new Date(periods.from), new Date(periods.previousFrom), new Date(periods.to)],
  );
  const empty = (): AiPeriodTotals => ({ calls: 0, tokens: 0, costUsd: 0 });
  const out = { current: empty(), previous: empty() };
  for (const row of rows) {
    out[sql.fromInt(row.current) === 1 ? 'current' : 'previous'] = { calls: sql.fromInt(row.calls), tokens: Number(row.tokens ?? 0), costUsd: Number(row.cost ?? 0) };
  }
  return out;
}

/** AI spend per workflow step over [from, to). */
export async function aiSpendBySteps(sql: SqlClient, from: number, to: number): Promise<{ workflowId: string | null; stepId: string | null; costUsd: number; tokens: number }[]> {
  const rows = await sql.all<{ workflow_id: string | null; step_id: string | null; cost: unknown; tokens: unknown }>(
    `SELECT workflow_id, step_id, SUM(cost_usd) AS cost, SUM(input_tokens + output_tokens) AS tokens FROM ai_usage
     WHERE created_at >= ? AND created_at < ? GROUP BY workflow_id, step_id`,
    [new Date(from), new Date(to)],
  );
  return rows.map((row) => ({ workflowId: row.workflow_id, stepId: row.step_id, costUsd: Number(row.cost ?? 0), tokens: Number(row.tokens ?? 0) }));
}

/** Runs and failures of each step by workflow version, for executions started in [from, to). */
export async function stepOutcomesByVersion(sql: SqlClient, from: number, to: number): Promise<{ workflowId: string; version: number; stepId: string; runs: number; failed: number }[]> {
  const rows = await sql.all<{ workflow_id: string; version: unknown; step_id: string; runs: unknown; failed: unknown }>(
    `SELECT e.workflow_id, e.version, s.step_id, COUNT(*) AS runs, SUM(CASE WHEN s.status = 'failed' THEN 1 ELSE 0 END) AS failed
     FROM execution_steps s JOIN executions e ON e.id = s.execution_id
     WHERE e.id >= ? AND e.id < ? AND s.item_index = -1 AND s.status IN ('succeeded', 'failed')
     GROUP BY e.workflow_id, e.version, s.step_id`,
    [firstIdAt(from), firstIdAt(to)],
  );
  return rows.map((row) => ({ workflowId: row.workflow_id, version: sql.fromInt(row.version), stepId: row.step_id, runs: sql.fromInt(row.runs), failed: sql.fromInt(row.failed ?? 0) }));
}

/** Names of the given workflows. */
export async function workflowNames(sql: SqlClient, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await sql.all<{ id: string; name: string }>(`SELECT id, name FROM workflows WHERE id IN (${ids.map(() => '?').join(', ')})`, [...ids]);
  for (const row of rows) names.set(row.id, row.name);
  return names;
}
