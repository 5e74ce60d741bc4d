import type { SqlClient } from '../storage/sql-client.js';
import { workflowNames, type Periods } from './analytics-queries.js';
import { bucketQuantile } from './duration-buckets.js';
import { periodFigures } from './period-stats.js';

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
  const { current, previous } = await periodFigures(sql, periods);
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
    ai_calls: compared(current.ai.calls, previous.ai.calls),
    ai_tokens: compared(current.ai.tokens, previous.ai.tokens),
    ai_cost_usd: compared(Math.round(current.ai.costUsd * 1e6) / 1e6, Math.round(previous.ai.costUsd * 1e6) / 1e6),
    busiest_workflows: busiest.map(named),
    slowest_workflows: slowest.map(named),
  };
}
