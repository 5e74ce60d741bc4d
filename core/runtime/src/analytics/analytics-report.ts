import type { AnalyticsSummary, Compared } from './analytics-summary.js';
import type { Insight } from './insight-rules.js';

const PERIOD_TITLE = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' } as const;

const integer = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));
const percent = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);
const duration = (ms: number | null) => (ms === null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const dollars = (n: number | null) => (n === null ? '—' : `$${n.toFixed(2)}`);
const change = (c: Compared) => (c.change === null ? '—' : `${c.change > 0 ? '+' : ''}${(c.change * 100).toFixed(0)}%`);
/** A table cell: pipes and line breaks would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * The analytics summary and insights of one period as a Markdown document: the figures beside the
 * previous period, the busiest and slowest workflows, and the findings highest impact first.
 */
export function renderAnalyticsReport(summary: AnalyticsSummary, insights: readonly Insight[]): { title: string; markdown: string } {
  const day = summary.to.slice(0, 10);
  const title = `dwc ${PERIOD_TITLE[summary.time_range]} report, ${day}`;
  const rows: [string, Compared, (n: number | null) => string][] = [
    ['Executions', summary.executions, integer],
    ['Succeeded', summary.succeeded, integer],
    ['Failed', summary.failed, integer],
    ['Success rate', summary.success_rate, percent],
    ['p50 duration', summary.p50_duration_ms, duration],
    ['p95 duration', summary.p95_duration_ms, duration],
    ['AI calls', summary.ai_calls, integer],
    ['AI tokens', summary.ai_tokens, integer],
    ['AI cost', summary.ai_cost_usd, dollars],
  ];
  const lines = [
    `# ${title}`,
    '',
    `From ${summary.from} to ${summary.to}, compared with ${summary.previous_from} to ${summary.from}.`,
    '',
    '| Figure | This period | Previous period | Change |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(([label, c, format]) => `| ${label} | ${format(c.value)} | ${format(c.previous)} | ${change(c)} |`),
    '',
    '## Busiest workflows',
    '',
  ];
  if (summary.busiest_workflows.length === 0) lines.push('No executions in this period.');
  else {
    lines.push('| Workflow | Executions | Change | p95 duration |', '| --- | ---: | ---: | ---: |');
    for (const w of summary.busiest_workflows) lines.push(`| ${cell(w.name)} | ${integer(w.executions.value)} | ${change(w.executions)} | ${duration(w.p95_duration_ms.value)} |`);
  }
  lines.push('', '## Slowest workflows', '');
  if (summary.slowest_workflows.length === 0) lines.push('No finished executions in this period.');
  else {
    lines.push('| Workflow | p95 duration | Previous p95 | Change |', '| --- | ---: | ---: | ---: |');
    for (const w of summary.slowest_workflows) lines.push(`| ${cell(w.name)} | ${duration(w.p95_duration_ms.value)} | ${duration(w.p95_duration_ms.previous)} | ${change(w.p95_duration_ms)} |`);
  }
  lines.push('', '## Insights', '');
  if (insights.length === 0) lines.push('Nothing stands out in this period.');
  for (const insight of insights) {
    const numbers = Object.entries(insight.numbers).map(([key, value]) => `${key} ${value}`).join(', ');
    lines.push(`- ${insight.message.replace(/\s*\n\s*/g, ' ')} (${numbers}; impact ${insight.impact.toFixed(2)})`);
  }
  lines.push('');
  return { title, markdown: lines.join('\n') };
}
