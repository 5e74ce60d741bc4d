import type { ExecutionStatsHourlyRow, StepStatsHourlyRow } from '../storage/entities/execution-stats-hourly.js';
import type { SqlClient, SqlParam, SqlQueries } from '../storage/sql-client.js';
import { aiSpendByStepBetween, aiUsageBetween, endedRunsBetween, HOUR_OF, stepOutcomesBetween } from './analytics-queries.js';

export const HOUR_MS = 3_600_000;
const PROGRESS = 'execution_stats_hourly';
/** An hour is rolled up this long after it ended, so runs whose COMMIT came late (or whose clock lags) are in. */
export const ROLLUP_GRACE_MS = 5 * 60_000;
/** Hours read and written per transaction (a week: the backfill of a large history goes in steps). */
const HOURS_PER_BATCH = 24 * 7;
const ROWS_PER_INSERT = 100;

export const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/** One workflow's hour, as stored in `execution_stats_hourly`, with its duration sketch parsed. */
export interface HourStats extends Omit<ExecutionStatsHourlyRow, 'durationBuckets'> {
  /** Duration sketch: [digits, head, count] (see duration-buckets.ts). */
  buckets: [number, number, number][];
}

/** One step of one workflow version's hour, as stored in `step_stats_hourly`. */
export type StepHourStats = StepStatsHourlyRow;

/** Up to when the rollup holds every ended execution (epoch ms, a whole hour); null before it first ran. */
export async function rolledUntil(sql: SqlQueries & Pick<SqlClient, 'fromInt'>): Promise<number | null> {
  const row = await sql.get<{ rolled_until: unknown }>('SELECT rolled_until FROM rollup_progress WHERE name = ?', [PROGRESS]);
  return row === undefined ? null : sql.fromInt(row.rolled_until);
}

/**
 * The stats of the hours in [from, to) from the executions and AI calls themselves: runs by the
 * hour they finished in, AI calls by the hour they were made in.
 */
export async function computeHours(sql: SqlClient, from: number, to: number): Promise<{ hours: HourStats[]; steps: StepHourStats[] }> {
  const hourOfColumn = HOUR_OF[sql.dialect];
  const [runs, ai, outcomes, spend] = await Promise.all([
    endedRunsBetween(sql, from, to, hourOfColumn('finished_at')),
    aiUsageBetween(sql, from, to, hourOfColumn('created_at')),
    stepOutcomesBetween(sql, from, to, hourOfColumn('e.finished_at')),
    aiSpendByStepBetween(sql, from, to, hourOfColumn('a.created_at')),
  ]);
  const hours = new Map<string, HourStats>();
  const hourOf = (hour: number, workflowId: string): HourStats => {
    const key = `${hour}\u0001${workflowId}`;
    let stats = hours.get(key);
    if (stats === undefined) {
      stats = { hourStart: hour * HOUR_MS, workflowId, succeeded: 0, failed: 0, cancelled: 0, durationCount: 0, durationSumMs: 0, buckets: [], aiCalls: 0, aiTokens: 0, aiCostUsd: 0 };
      hours.set(key, stats);
    }
    return stats;
  };
  for (const run of runs) {
    const stats = hourOf(run.group, run.workflowId);
    if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled') stats[run.status] += run.count;
    if (run.bucket === null) continue;
    stats.durationCount += run.count;
    stats.durationSumMs += run.durationSumMs;
    const same = stats.buckets.find(([digits, head]) => digits === run.bucket!.digits && head === run.bucket!.head);
    if (same) same[2] += run.count;
    else stats.buckets.push([run.bucket.digits, run.bucket.head, run.count]);
  }
  for (const row of ai) {
    const stats = hourOf(row.group, row.workflowId);
    stats.aiCalls += row.calls;
    stats.aiTokens += row.tokens;
    stats.aiCostUsd += row.costUsd;
  }
  const steps = new Map<string, StepHourStats>();
  const stepOf = (hour: number, workflowId: string, version: number, stepId: string): StepHourStats => {
    const key = `${hour}\u0001${workflowId}\u0001${version}\u0001${stepId}`;
    let stats = steps.get(key);
    if (stats === undefined) steps.set(key, (stats = { hourStart: hour * HOUR_MS, workflowId, version, stepId, runs: 0, failed: 0, aiTokens: 0, aiCostUsd: 0 }));
    return stats;
  };
  for (const row of outcomes) {
    const stats = stepOf(row.group, row.workflowId, row.version, row.stepId);
    stats.runs += row.runs;
    stats.failed += row.failed;
  }
  for (const row of spend) {
    const stats = stepOf(row.group, row.workflowId, row.version, row.stepId);
    stats.aiTokens += row.tokens;
    stats.aiCostUsd += row.costUsd;
  }
  return { hours: [...hours.values()], steps: [...steps.values()] };
}

/** Inserts rows of `table`, ROWS_PER_INSERT to a statement (whole chunks share one statement text, prepared once; the rest go one by one). */
async function insertRows<T>(tx: SqlQueries, table: string, columns: readonly string[], rows: readonly T[], values: (row: T) => unknown[]): Promise<void> {
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const into = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const chunk = into + Array.from({ length: ROWS_PER_INSERT }, () => placeholders).join(', ');
  let at = 0;
  for (; at + ROWS_PER_INSERT <= rows.length; at += ROWS_PER_INSERT) await tx.run(chunk, rows.slice(at, at + ROWS_PER_INSERT).flatMap(values) as SqlParam[]);
  for (; at < rows.length; at++) await tx.run(into + placeholders, values(rows[at]!) as SqlParam[]);
}

const HOUR_COLUMNS = ['hour_start', 'workflow_id', 'succeeded', 'failed', 'cancelled', 'duration_count', 'duration_sum_ms', 'duration_buckets', 'ai_calls', 'ai_tokens', 'ai_cost_usd'];
const hourValues = (h: HourStats) => [h.hourStart, h.workflowId, h.succeeded, h.failed, h.cancelled, h.durationCount, h.durationSumMs, JSON.stringify(h.buckets), h.aiCalls, h.aiTokens, h.aiCostUsd];
const STEP_COLUMNS = ['hour_start', 'workflow_id', 'version', 'step_id', 'runs', 'failed', 'ai_tokens', 'ai_cost_usd'];
const stepValues = (h: StepHourStats) => [h.hourStart, h.workflowId, h.version, h.stepId, h.runs, h.failed, h.aiTokens, h.aiCostUsd];

/** Where the rollup starts: its mark, or (first run, e.g. after the upgrade) the hour of the oldest ended execution or AI call. */
async function startOf(sql: SqlClient, until: number): Promise<number> {
  const mark = await rolledUntil(sql);
  if (mark !== null) return mark;
  const [runs, ai] = await Promise.all([
    sql.get<{ first: unknown }>('SELECT MIN(finished_at) AS first FROM executions'),
    sql.get<{ first: unknown }>('SELECT MIN(created_at) AS first FROM ai_usage'),
  ]);
  const firsts = [runs?.first, ai?.first].map((v) => sql.fromDate(v)?.getTime()).filter((v): v is number => v !== undefined);
  const start = floorHour(Math.min(until, ...firsts));
  await sql.run(`INSERT INTO rollup_progress (name, rolled_until) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, [PROGRESS, start]);
  return (await rolledUntil(sql))!;
}

/**
 * Rolls every hour that ended at least ROLLUP_GRACE_MS ago and is not rolled up yet into
 * `execution_stats_hourly` and `step_stats_hourly`, a week of hours per transaction, and moves the mark with them in the
 * same transaction (so a crash loses nothing and repeats nothing). Each hour's rows are computed
 * whole from the executions and replace what was there, and the mark only moves from where this
 * process read it: processes sharing a database may run this at once, and one of them wins each
 * step. Returns how many hours it rolled up.
 */
export async function rollUpHours(sql: SqlClient, now = Date.now()): Promise<number> {
  const until = floorHour(now - ROLLUP_GRACE_MS);
  let from = await startOf(sql, until);
  const started = from;
  while (from < until) {
    const to = Math.min(until, from + HOURS_PER_BATCH * HOUR_MS);
    const { hours, steps } = await computeHours(sql, from, to);
    const moved = await sql.transaction(async (tx) => {
      if ((await tx.run('UPDATE rollup_progress SET rolled_until = ? WHERE name = ? AND rolled_until = ?', [to, PROGRESS, from])) !== 1) return false;
      for (const table of ['execution_stats_hourly', 'step_stats_hourly']) await tx.run(`DELETE FROM ${table} WHERE hour_start >= ? AND hour_start < ?`, [from, to]);
      await insertRows(tx, 'execution_stats_hourly', HOUR_COLUMNS, hours, hourValues);
      await insertRows(tx, 'step_stats_hourly', STEP_COLUMNS, steps, stepValues);
      return true;
    });
    if (!moved) break;
    from = to;
  }
  return (from - started) / HOUR_MS;
}
