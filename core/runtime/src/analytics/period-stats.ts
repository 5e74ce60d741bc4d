import type { SqlClient } from '../storage/sql-client.js';
import { aiUsageBetween, endedRunsBetween, unendedRunsByPeriod, type Periods } from './analytics-queries.js';
import type { DurationBucket } from './duration-buckets.js';
import { ceilHour, floorHour, rolledUntil } from './hourly-rollup.js';

type Period = 'current' | 'previous';

export interface AiPeriodTotals {
  calls: number;
  tokens: number;
  costUsd: number;
}

interface WorkflowFigures {
  runs: number;
  buckets: DurationBucket[];
}

/** Per period: runs by status and the duration sketch, overall and by workflow; AI totals. */
export interface PeriodFigures {
  byStatus: Record<string, number>;
  buckets: DurationBucket[];
  workflows: Map<string, WorkflowFigures>;
  ai: AiPeriodTotals;
}

interface Range {
  from: number;
  to: number;
}

/**
 * Splits [previousFrom, to) into the whole hours the rollup holds (up to its mark) and the rest
 * (the partial hours at each end of both periods, and the hours since the mark), read raw.
 */
export function splitPeriods(periods: Periods, rolled: number | null): { rolled: Range[]; raw: Range[] } {
  const rolledRanges: Range[] = [];
  for (const [start, end] of [[periods.previousFrom, periods.from], [periods.from, periods.to]] as const) {
    const range = { from: ceilHour(start), to: Math.min(floorHour(end), rolled ?? -Infinity) };
    if (range.from < range.to) rolledRanges.push(range);
  }
  const raw: Range[] = [];
  let at = periods.previousFrom;
  for (const range of rolledRanges) {
    if (at < range.from) raw.push({ from: at, to: range.from });
    at = range.to;
  }
  if (at < periods.to) raw.push({ from: at, to: periods.to });
  return { rolled: rolledRanges, raw };
}

/**
 * Both periods' figures: ended executions count in the period they finished in (whole hours from
 * `execution_stats_hourly`, the rest from the executions), executions not ended yet in the period
 * they were created in, AI calls in the period they were made in.
 */
export async function periodFigures(sql: SqlClient, periods: Periods): Promise<Record<Period, PeriodFigures>> {
  const split = splitPeriods(periods, await rolledUntil(sql));
  const currentWhen = (column: string) => `CASE WHEN ${column} >= ? THEN 1 ELSE 0 END`;
  const from = [new Date(periods.from)];
  const [hours, rawRuns, rawAi, unended] = await Promise.all([
    readRolledHours(sql, split.rolled),
    Promise.all(split.raw.map((r) => endedRunsBetween(sql, r.from, r.to, currentWhen('finished_at'), from))).then((all) => all.flat()),
    Promise.all(split.raw.map((r) => aiUsageBetween(sql, r.from, r.to, currentWhen('created_at'), from))).then((all) => all.flat()),
    unendedRunsByPeriod(sql, periods),
  ]);

  const out = { current: emptyFigures(), previous: emptyFigures() };
  // Each workflow's duration buckets, merged by bucket (key digits * 1000 + head).
  const sketches = new Map<WorkflowFigures, Map<number, number>>();
  const workflowOf = (figures: PeriodFigures, id: string): WorkflowFigures => {
    let workflow = figures.workflows.get(id);
    if (workflow === undefined) figures.workflows.set(id, (workflow = { runs: 0, buckets: [] }));
    return workflow;
  };
  const addRuns = (period: Period, workflowId: string, status: string, count: number) => {
    if (count === 0) return;
    const figures = out[period];
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + count;
    workflowOf(figures, workflowId).runs += count;
  };
  const addBucket = (period: Period, workflowId: string, digits: number, head: number, count: number) => {
    const workflow = workflowOf(out[period], workflowId);
    let sketch = sketches.get(workflow);
    if (sketch === undefined) sketches.set(workflow, (sketch = new Map()));
    const key = digits * 1000 + head;
    sketch.set(key, (sketch.get(key) ?? 0) + count);
  };
  const addAi = (period: Period, calls: number, tokens: number, costUsd: number) => {
    const ai = out[period].ai;
    ai.calls += calls;
    ai.tokens += tokens;
    ai.costUsd += costUsd;
  };

  for (const h of hours) {
    const period: Period = h.hourStart >= periods.from ? 'current' : 'previous';
    addRuns(period, h.workflowId, 'succeeded', h.succeeded);
    addRuns(period, h.workflowId, 'failed', h.failed);
    addRuns(period, h.workflowId, 'cancelled', h.cancelled);
    for (const [digits, head, count] of h.buckets) addBucket(period, h.workflowId, digits, head, count);
    addAi(period, h.aiCalls, h.aiTokens, h.aiCostUsd);
  }
  for (const run of rawRuns) {
    const period: Period = run.group === 1 ? 'current' : 'previous';
    addRuns(period, run.workflowId, run.status, run.count);
    if (run.bucket !== null) addBucket(period, run.workflowId, run.bucket.digits, run.bucket.head, run.count);
  }
  for (const row of rawAi) addAi(row.group === 1 ? 'current' : 'previous', row.calls, row.tokens, row.costUsd);
  for (const run of unended) addRuns(run.current ? 'current' : 'previous', run.workflowId, run.status, run.count);

  for (const figures of Object.values(out)) {
    for (const workflow of figures.workflows.values()) {
      for (const [key, count] of sketches.get(workflow) ?? []) {
        const bucket = { digits: Math.floor(key / 1000), head: key % 1000, count };
        workflow.buckets.push(bucket);
        figures.buckets.push(bucket);
      }
    }
  }
  return out;
}

function emptyFigures(): PeriodFigures {
  return { byStatus: {}, buckets: [], workflows: new Map(), ai: { calls: 0, tokens: 0, costUsd: 0 } };
}

interface RolledHour {
  hourStart: number;
  workflowId: string;
  succeeded: number;
  failed: number;
  cancelled: number;
  buckets: [number, number, number][];
  aiCalls: number;
  aiTokens: number;
  aiCostUsd: number;
}

async function readRolledHours(sql: SqlClient, ranges: readonly Range[]): Promise<RolledHour[]> {
  if (ranges.length === 0) return [];
  const rows = await sql.all<{ hour_start: unknown; workflow_id: string; succeeded: unknown; failed: unknown; cancelled: unknown; duration_buckets: string; ai_calls: unknown; ai_tokens: unknown; ai_cost_usd: unknown }>(
    `SELECT hour_start, workflow_id, succeeded, failed, cancelled, duration_buckets, ai_calls, ai_tokens, ai_cost_usd FROM execution_stats_hourly
     WHERE ${ranges.map(() => '(hour_start >= ? AND hour_start < ?)').join(' OR ')}`,
    ranges.flatMap((r) => [r.from, r.to]),
  );
  return rows.map((row) => ({
    hourStart: sql.fromInt(row.hour_start),
    workflowId: row.workflow_id,
    succeeded: sql.fromInt(row.succeeded),
    failed: sql.fromInt(row.failed),
    cancelled: sql.fromInt(row.cancelled),
    buckets: JSON.parse(row.duration_buckets) as [number, number, number][],
    aiCalls: sql.fromInt(row.ai_calls),
    aiTokens: Number(row.ai_tokens),
    aiCostUsd: Number(row.ai_cost_usd),
  }));
}
