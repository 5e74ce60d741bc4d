import { firstIdAt } from '../storage/new-id.js';
import type { SqlClient, SqlParam } from '../storage/sql-client.js';
import type { DurationBucket } from './duration-buckets.js';

/** Two consecutive periods: `previous` is [previousFrom, from), `current` is [from, to). */
export interface Periods {
  previousFrom: number;
  from: number;
  to: number;
}

/** Duration in whole ms of an ended execution, in each dialect's SQL. */
const DURATION_MS = {
  sqlite: 'CAST(ROUND((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER)',
  postgres: 'CAST(EXTRACT(EPOCH FROM (finished_at - started_at)) * 1000 AS bigint)',
} as const;

/** The UTC hour (hours since 1970) of a timestamp column, in each dialect's SQL. */
export const HOUR_OF = {
  sqlite: (column: string) => `CAST(strftime('%s', ${column}) AS INTEGER) / 3600`,
  postgres: (column: string) => `CAST(floor(EXTRACT(EPOCH FROM ${column}) / 3600) AS bigint)`,
} as const;

// A duration's digit count and two leading digits by integer comparisons and division (cheaper than text).
const POWERS = Array.from({ length: 11 }, (_, i) => 10 ** (i + 1));
const DIGITS = `CASE WHEN dur IS NULL THEN NULL ${POWERS.map((p, i) => `WHEN dur < ${p} THEN ${i + 1}`).join(' ')} ELSE 12 END`;
const HEAD = `CASE WHEN dur IS NULL THEN NULL WHEN dur < 100 THEN dur ${POWERS.slice(2).map((p) => `WHEN dur < ${p} THEN dur / ${p / 100}`).join(' ')} ELSE dur / ${10 ** 10} END`;

export interface EndedRunsRow {
  /** What the caller grouped by besides workflow, status and bucket (the period, or the hour). */
  group: number;
  workflowId: string;
  status: string;
  /** Null for runs that never started (no duration). */
  bucket: Omit<DurationBucket, 'count'> | null;
  count: number;
  durationSumMs: number;
}

/**
 * Executions that finished in [from, to), by `groupSql` (an integer expression over the
 * executions' columns), workflow, status and duration bucket, in one pass over the finished_at index.
 */
export async function endedRunsBetween(sql: SqlClient, from: number, to: number, groupSql: string, groupParams: readonly SqlParam[] = []): Promise<EndedRunsRow[]> {
  const rows = await sql.all<{ grp: unknown; workflow_id: string; status: string; digits: unknown; head: unknown; n: unknown; total: unknown }>(
    `SELECT grp, workflow_id, status, ${DIGITS} AS digits, ${HEAD} AS head, COUNT(*) AS n, SUM(dur) AS total
     FROM (SELECT ${groupSql} AS grp, workflow_id, status,
                  CASE WHEN started_at IS NULL THEN NULL ELSE ${DURATION_MS[sql.dialect]} END AS dur
           FROM executions WHERE finished_at >= ? AND finished_at < ?) runs
     GROUP BY 1, 2, 3, 4, 5`,
    [...groupParams, new Date(from), new Date(to)],
  );
  return rows.map((row) => ({
    group: sql.fromInt(row.grp),
    workflowId: row.workflow_id,
    status: row.status,
    bucket: row.digits === null || row.head === null ? null : { digits: sql.fromInt(row.digits), head: Math.max(0, sql.fromInt(row.head)) },
    count: sql.fromInt(row.n),
    durationSumMs: row.total === null ? 0 : Math.max(0, Number(row.total)),
  }));
}

/** Executions created in [from, to) that have not ended (queued, running, waiting), by period, workflow and status. */
export async function unendedRunsByPeriod(sql: SqlClient, periods: Periods): Promise<{ current: boolean; workflowId: string; status: string; count: number }[]> {
  const rows = await sql.all<{ current: unknown; workflow_id: string; status: string; n: unknown }>(
    `SELECT CASE WHEN id >= ? THEN 1 ELSE 0 END AS current, workflow_id, status, COUNT(*) AS n
     FROM executions WHERE finished_at IS NULL AND id >= ? AND id < ? GROUP BY 1, 2, 3`,
    [firstIdAt(periods.from), firstIdAt(periods.previousFrom), firstIdAt(periods.to)],
  );
  return rows.map((row) => ({ current: sql.fromInt(row.current) === 1, workflowId: row.workflow_id, status: row.status, count: sql.fromInt(row.n) }));
}

export interface AiTotalsRow {
  group: number;
  workflowId: string;
  calls: number;
  tokens: number;
  costUsd: number;
}

/** AI calls, tokens and cost recorded in [from, to), by `groupSql` and workflow ('' for calls outside a workflow). */
export async function aiUsageBetween(sql: SqlClient, from: number, to: number, groupSql: string, groupParams: readonly SqlParam[] = []): Promise<AiTotalsRow[]> {
  const rows = await sql.all<{ grp: unknown; workflow_id: string; calls: unknown; tokens: unknown; cost: unknown }>(
    `SELECT ${groupSql} AS grp, COALESCE(workflow_id, '') AS workflow_id, COUNT(*) AS calls, SUM(input_tokens + output_tokens) AS tokens, SUM(cost_usd) AS cost
     FROM ai_usage WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`,
    [...groupParams, new Date(from), new Date(to)],
  );
  return rows.map((row) => ({ group: sql.fromInt(row.grp), workflowId: row.workflow_id, calls: sql.fromInt(row.calls), tokens: Number(row.tokens ?? 0), costUsd: Number(row.cost ?? 0) }));
}

export interface StepTotalsRow {
  group: number;
  workflowId: string;
  version: number;
  stepId: string;
  runs: number;
  failed: number;
}

/**
 * Outcomes (succeeded or failed, the step as a whole) of each step by workflow version, in
 * executions that finished in [from, to), by `groupSql` (over `e.`, the execution).
 */
export async function stepOutcomesBetween(sql: SqlClient, from: number, to: number, groupSql: string, groupParams: readonly SqlParam[] = []): Promise<StepTotalsRow[]> {
  const rows = await sql.all<{ grp: unknown; workflow_id: string; version: unknown; step_id: string; runs: unknown; failed: unknown }>(
    `SELECT ${groupSql} AS grp, e.workflow_id, e.version, s.step_id, COUNT(*) AS runs, SUM(CASE WHEN s.status = 'failed' THEN 1 ELSE 0 END) AS failed
     FROM executions e JOIN execution_steps s ON s.execution_id = e.id
     WHERE e.finished_at >= ? AND e.finished_at < ? AND s.item_index = -1 AND s.status IN ('succeeded', 'failed')
     GROUP BY 1, 2, 3, 4`,
    [...groupParams, new Date(from), new Date(to)],
  );
  return rows.map((row) => ({ group: sql.fromInt(row.grp), workflowId: row.workflow_id, version: sql.fromInt(row.version), stepId: row.step_id, runs: sql.fromInt(row.runs), failed: sql.fromInt(row.failed ?? 0) }));
}

export interface StepSpendRow {
  group: number;
  /** '' for calls made outside a workflow step. */
  workflowId: string;
  stepId: string;
  /** The version of the call's execution, 0 when it is gone. */
  version: number;
  tokens: number;
  costUsd: number;
}

/** AI tokens and cost of each step by workflow version, for calls made in [from, to), by `groupSql` (over `a.`, the call). */
export async function aiSpendByStepBetween(sql: SqlClient, from: number, to: number, groupSql: string, groupParams: readonly SqlParam[] = []): Promise<StepSpendRow[]> {
  const rows = await sql.all<{ grp: unknown; workflow_id: string; version: unknown; step_id: string; tokens: unknown; cost: unknown }>(
    `SELECT ${groupSql} AS grp, COALESCE(a.workflow_id, '') AS workflow_id, COALESCE(e.version, 0) AS version, COALESCE(a.step_id, '') AS step_id,
            SUM(a.input_tokens + a.output_tokens) AS tokens, SUM(a.cost_usd) AS cost
     FROM ai_usage a LEFT JOIN executions e ON e.id = a.execution_id
     WHERE a.created_at >= ? AND a.created_at < ? GROUP BY 1, 2, 3, 4`,
    [...groupParams, new Date(from), new Date(to)],
  );
  return rows.map((row) => ({ group: sql.fromInt(row.grp), workflowId: row.workflow_id, version: sql.fromInt(row.version), stepId: row.step_id, tokens: Number(row.tokens ?? 0), costUsd: Number(row.cost ?? 0) }));
}

/** Names of the given workflows. */
export async function workflowNames(sql: SqlClient, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await sql.all<{ id: string; name: string }>(`SELECT id, name FROM workflows WHERE id IN (${ids.map(() => '?').join(', ')})`, [...ids]);
  for (const row of rows) names.set(row.id, row.name);
  return names;
}
