import type { Insight } from './dashboard-api';

/** What the UI shows of an insight: a message key and its values (or the server's English words), and where to look. */
export interface InsightView {
  key: string | null;
  values: Record<string, string | number>;
  /** A route of this UI. */
  to: string;
  linkKey: 'failedRuns' | 'workflowAnalytics' | 'runs';
}

/** The names the server quotes in backticks, in order: step, then workflow (or only the workflow). */
const quoted = (message: string) => [...message.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const num = (value: number | string | undefined) => (typeof value === 'number' ? value : Number(value));

/** Maps an insight to words in the person's language and to the screen of this UI that shows what it is about. */
export function insightView(insight: Insight): InsightView {
  const id = encodeURIComponent(insight.workflow_id);
  const names = quoted(insight.message);
  switch (insight.kind) {
    case 'step_failures_since_version':
      return {
        key: names.length === 2 ? 'insights.kinds.step_failures_since_version' : null,
        values: { step: names[0] ?? '', workflow: names[1] ?? '', rate: num(insight.numbers.failure_rate), was: num(insight.numbers.previous_failure_rate), version: num(insight.numbers.version), runs: num(insight.numbers.runs), failed: num(insight.numbers.failed) },
        to: `/runs?workflow_id=${id}&status=failed`,
        linkKey: 'failedRuns',
      };
    case 'ai_spend_share':
      return {
        key: names.length === 2 ? 'insights.kinds.ai_spend_share' : null,
        values: { step: names[0] ?? '', workflow: names[1] ?? '', share: num(insight.numbers.share), cost: num(insight.numbers.cost_usd), total: num(insight.numbers.total_cost_usd) },
        to: `/workflows/${id}/analytics`,
        linkKey: 'workflowAnalytics',
      };
    case 'p95_doubled':
      return {
        key: names.length === 1 ? 'insights.kinds.p95_doubled' : null,
        values: { workflow: names[0] ?? '', p95: num(insight.numbers.p95_ms), previous: num(insight.numbers.previous_p95_ms), factor: num(insight.numbers.factor) },
        to: `/runs?workflow_id=${id}`,
        linkKey: 'runs',
      };
    default:
      return { key: null, values: {}, to: `/workflows/${id}/analytics`, linkKey: 'workflowAnalytics' };
  }
}

/** Highest impact first (the server's order, kept stable for ties). */
export const byImpact = (insights: readonly Insight[]) => [...insights].sort((a, b) => b.impact - a.impact);
