import { describe, expect, it } from 'vitest';
import { renderAnalyticsReport } from './analytics-report.js';
import { compared, type AnalyticsSummary } from './analytics-summary.js';
import type { Insight } from './insight-rules.js';

const summary: AnalyticsSummary = {
  time_range: 'week', from: '2026-11-28T07:00:00.000Z', to: '2026-12-05T07:00:00.000Z', previous_from: '2026-11-21T07:00:00.000Z',
  executions: compared(120, 100), succeeded: compared(108, 98), failed: compared(12, 2), success_rate: compared(0.9, 0.98),
  p50_duration_ms: compared(850, 800), p95_duration_ms: compared(4200, 2000), ai_calls: compared(40, 0), ai_tokens: compared(12_345, 0),
  ai_cost_usd: compared(1.5, 0),
  busiest_workflows: [{ workflow_id: 'w1', name: 'Daily | digest', executions: compared(80, 60), p95_duration_ms: compared(4200, 2000) }],
  slowest_workflows: [],
};
const insight: Insight = {
  kind: 'p95_doubled', message: 'p95 duration of `Daily | digest` went from 2.0 s to 4.2 s this week (2.1x).', impact: 0.275,
  numbers: { p95_ms: 4200, previous_p95_ms: 2000, factor: 2.1 }, link: '/api/v3/workflows/w1/executions', workflow_id: 'w1',
};

describe('renderAnalyticsReport', () => {
  it('titles the report by its period and day and tables each figure beside the previous period', () => {
    const { title, markdown } = renderAnalyticsReport(summary, [insight]);
    expect(title).toBe('dwc weekly report, 2026-12-05');
    expect(markdown.startsWith('# dwc weekly report, 2026-12-05\n')).toBe(true);
    expect(markdown).toContain('| Executions | 120 | 100 | +20% |');
    expect(markdown).toContain('| Success rate | 90.0% | 98.0% | -8% |');
    expect(markdown).toContain('| p95 duration | 4.2 s | 2.0 s | +110% |');
    expect(markdown).toContain('| AI cost | $1.50 | $0.00 | — |');
  });

  it('escapes pipes in workflow names so the table keeps its columns, and says when a list is empty', () => {
    const { markdown } = renderAnalyticsReport(summary, []);
    expect(markdown).toContain('| Daily \\| digest | 80 | +33% | 4.2 s |');
    expect(markdown).toContain('No finished executions in this period.');
    expect(markdown).toContain('Nothing stands out in this period.');
  });

  it('lists each insight with its numbers and impact', () => {
    const { markdown } = renderAnalyticsReport(summary, [insight]);
    expect(markdown).toContain('- p95 duration of `Daily | digest` went from 2.0 s to 4.2 s this week (2.1x). (p95_ms 4200, previous_p95_ms 2000, factor 2.1; impact 0.28)');
  });
});
