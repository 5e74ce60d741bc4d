import type { SqlClient } from '../storage/sql-client.js';
import { aiByPeriod, executionsByPeriod, workflowNames, type Periods, type WorkflowPeriodRow } from './analytics-queries.js';
import { bucketQuantile, type DurationBucket } from './duration-buckets.js';

export const TIME_RANGES = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;
export type TimeRange = keyof typeof TIME_RANGES;

/** A figure of this period beside the previous one; `change` is relative (0.25 = 25% more), null when the previous was 0 or absent. */
export interface Compared {
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface WorkflowFigures {
  workflow_id: string;
  name: string;
  executions: Compared;
  p95_duration_ms: Compared;
}

export interface AnalyticsSummary {
  time_range: TimeRange;
  from: string;
  to: string;
  previous_from: string;
  executions: Compared;
  succeeded: Compared;
  failed: Compared;
  success_rate: Compared;
  p50_duration_ms: Compared;
  p95_duration_ms: Compared;
  ai_calls: Compared;
  ai_tokens: Compared;
  ai_cost_usd: Compared;
  busiest_workflows: WorkflowFigures[];
  slowest_workflows: WorkflowFigures[];
}

export function compared(value: number | null, previous: number | null): Compared {
  const change = value === null || previous === null || previous === 0 ? null : Math.round(((value - previous) / previous) * 1000) / 1000;
  return { value, previous, change };
}

export function periodsOf(range: TimeRange, now: number): Periods {
  const length = TIME_RANGES[range];
  return { previousFrom: now - 2 * length, from: now - length, to: now };
}

/** Per period: runs by status and duration buckets, overall and by workflow. */
export interface PeriodFigures {
  byStatus: Record<string, number>;
  buckets: DurationBucket[];
  workflows: Map<string, { runs: number; buckets: DurationBucket[] }>;
}

export function foldPeriods(rows: readonly WorkflowPeriodRow[]): Record<'current' | 'previous', PeriodFigures> {
  const empty = (): PeriodFigures => ({ byStatus: {}, buckets: [], workflows: new Map() });
  const out = { current: empty(), previous: empty() };
  for (const row of rows) {
    const period = out[row.period];
    period.byStatus[row.status] = (period.byStatus[row.status] ?? 0) + row.count;
    let workflow = period.workflows.get(row.workflowId);
    if (workflow === undefined) period.workflows.set(row.workflowId, (workflow = { runs: 0, buckets: [] }));
    workflow.runs += row.count;
    if (row.bucket !== null) {
      const bucket = { ...row.bucket, count: row.count };
      period.buckets.push(bucket);
      workflow.buckets.push(bucket);
    }
  }
  return out;
}

const total = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0);
const successRate = (byStatus: Record<string, number>) => {
  const ended = (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0);
  return ended === 0 ? null : Math.round(((byStatus.succeeded ?? 0) / ended) * 10_000) / 10_000;
};

/**
 * Executions, success rate, p50/p95 duration, AI calls, tokens and cost, and the busiest and
 * slowest workflows over the last hour, day, week or month (30 days), each beside the period before.
 */
export async function analyticsSummary(sql: SqlClient, range: TimeRange, now = Date.now()): Promise<AnalyticsSummary> {
  const periods = periodsOf(range, now);
  const [rows, ai] = await Promise.all([executionsByPeriod(sql, periods), aiByPeriod(sql, periods)]);
  const { current, previous } = foldPeriods(rows);
  const figures = (id: string): Omit<WorkflowFigures, 'name'> => {
    const now = current.workflows.get(id);
    const before = previous.workflows.get(id);
    return {
      workflow_id: id,
      executions: compared(now?.runs ?? 0, before?.runs ?? 0),
      p95_duration_ms: compared(now ? bucketQuantile(now.buckets, 0.95) : null, before ? bucketQuantile(before.buckets, 0.95) : null),
    };
  };
  const ids = [...current.workflows.keys()];
  const busiest = ids.map(figures).sort((a, b) => b.executions.value! - a.executions.value!).slice(0, 5);
  const slowest = ids.map(figures).filter((w) => w.p95_duration_ms.value !== null).sort((a, b) => b.p95_duration_ms.value! - a.p95_duration_ms.value!).slice(0, 5);
  const names = await workflowNames(sql, [...new Set([...busiest, ...slowest].map((w) => w.workflow_id))]);
  const named = (w: Omit<WorkflowFigures, 'name'>): WorkflowFigures => ({ ...w, name: names.get(w.workflow_id) ?? 'deleted workflow' });
  return {
    time_range: range,
    from: new Date(periods.from).toISOString(),
    to: new Date(periods.to).toISOString(),
    previous_from: new Date(periods.previousFrom).toISOString(),
    executions: compared(total(current.byStatus), total(previous.byStatus)),
    succeeded: compared(current.byStatus.succeeded ?? 0, previous.byStatus.succeeded ?? 0),
    failed: compared(current.byStatus.failed ?? 0, previous.byStatus.failed ?? 0),
    success_rate: compared(successRate(current.byStatus), successRate(previous.byStatus)),
    p50_duration_ms: compared(bucketQuantile(current.buckets, 0.5), bucketQuantile(previous.buckets, 0.5)),
    p95_duration_ms: compared(bucketQuantile(current.buckets, 0.95), bucketQuantile(previous.buckets, 0.95)),
    ai_calls: compared(ai.current.calls, ai.previous.calls),
    ai_tokens: compared(ai.current.tokens, ai.previous.tokens),
    ai_cost_usd: compared(Math.round(ai.current.costUsd * 1e6) / 1e6, Math.round(ai.previous.costUsd * 1e6) / 1e6),
    busiest_workflows: busiest.map(named),
    slowest_workflows: slowest.map(named),
  };
}
