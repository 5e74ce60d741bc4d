import { api } from '../../lib/api-client';

export const TIME_RANGES = ['hour', 'day', 'week', 'month'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
export const RANGE_MS: Record<TimeRange, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };

/** A figure of this period beside the previous one; `change` is relative (0.25 = 25% more). */
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

export interface Insight {
  kind: 'step_failures_since_version' | 'ai_spend_share' | 'p95_doubled';
  message: string;
  impact: number;
  numbers: Record<string, number | string>;
  link: string;
  workflow_id: string;
}

export interface MetricPoint {
  t: string;
  value: number;
  count: number;
  sum: number;
  p50?: number | null;
  p95?: number | null;
}

export interface MetricSeries {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | null;
  step: '1m' | '1h' | '1d';
  from: string;
  to: string;
  series: { labels: Record<string, string>; points: MetricPoint[] }[];
}

export interface WorkflowAnalytics {
  workflow_id: string;
  total: number;
  by_status: Record<string, number>;
  success_rate: number | null;
  p50_duration_ms: number | null;
  p95_duration_ms: number | null;
  last_run_at: string | null;
  step_failures: { step_id: string; failures: number }[];
  ai_usage: { key: string | null; calls: number; input_tokens: number; output_tokens: number; cost_usd: number | null }[];
}

export const REPORT_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

export interface ReportSchedule {
  name: string;
  frequency: ReportFrequency;
  time: string;
  timezone: string;
  channel: string;
  recipients: string[];
}

/** The period a report covers for each frequency. */
const REPORT_RANGE: Record<ReportFrequency, TimeRange> = { daily: 'day', weekly: 'week', monthly: 'month' };

/** The create body of the scheduler route for a report: the `analytics_report` task on a daily, weekly or monthly timing. */
export function reportScheduleBody(report: ReportSchedule): Record<string, unknown> {
  const timing = report.frequency === 'weekly' ? { days_of_week: ['mon'] } : report.frequency === 'monthly' ? { day_of_month: 1 } : {};
  return {
    name: report.name, time: report.time, timezone: report.timezone, ...timing,
    payload: { task_type: 'analytics_report', payload: { time_range: REPORT_RANGE[report.frequency], channel: report.channel, recipients: report.recipients } },
  };
}

export const dashboardKeys = {
  summary: (range: TimeRange) => ['analytics', 'summary', range] as const,
  insights: (range: TimeRange) => ['analytics', 'insights', range] as const,
  metric: (name: string, range: TimeRange) => ['metrics', name, range] as const,
  workflow: (id: string, range: TimeRange) => ['workflows', id, 'analytics', range] as const,
};

export const dashboardApi = {
  summary: (range: TimeRange, signal?: AbortSignal) => api<AnalyticsSummary>('/api/v3/advanced/analytics/summary', { query: { time_range: range }, signal }),
  insights: (range: TimeRange, signal?: AbortSignal) => api<{ insights: Insight[] }>('/api/v3/advanced/analytics/insights', { query: { time_range: range }, signal }),
  /** A stored metric over the last `range`, from the rollup the server picks. */
  metric: (name: string, range: TimeRange, signal?: AbortSignal) => {
    const to = Date.now();
    return api<MetricSeries>('/api/v3/metrics/metrics', { query: { name, from: new Date(to - RANGE_MS[range]).toISOString(), to: new Date(to).toISOString() }, signal });
  },
  workflow: (id: string, range: TimeRange, signal?: AbortSignal) => api<WorkflowAnalytics>(`/api/v3/workflows/${encodeURIComponent(id)}/analytics`, { query: { time_range: range }, signal }),
  workflowName: (id: string, signal?: AbortSignal) => api<{ name: string }>(`/api/v3/workflows/${encodeURIComponent(id)}`, { signal }),
  channels: (signal?: AbortSignal) => api<{ items: { type: string; title: string }[] }>('/api/v3/notifications/channels', { signal }).then((r) => r.items),
  scheduleReport: (report: ReportSchedule) => api<{ id: string; next_run_at: string | null }>(`/api/v3/scheduler/schedules/${report.frequency}`, { method: 'POST', body: reportScheduleBody(report) }),
};
