import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsSummary, Insight } from './dashboard-api';
import { InsightsList } from './insights-list';
import { KpiGrid } from './kpi-grid';
import { ReportScheduleForm } from './report-schedule-form';
import { TimeSeriesChart } from './time-series-chart';

const wrap = (node: React.ReactNode) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
    <MemoryRouter>{node}</MemoryRouter>
  </QueryClientProvider>
);
const c = (value: number | null, previous: number | null, change: number | null) => ({ value, previous, change });
const summary: AnalyticsSummary = {
  time_range: 'week', from: '', to: '', previous_from: '',
  executions: c(120, 100, 0.2), succeeded: c(108, 98, 0.102), failed: c(12, 2, 5), success_rate: c(0.9, 0.98, -0.082),
  p50_duration_ms: c(850, 800, 0.063), p95_duration_ms: c(4200, null, null), ai_calls: c(0, 0, null), ai_tokens: c(0, 0, null), ai_cost_usd: c(1.5, 1, 0.5),
  busiest_workflows: [], slowest_workflows: [],
};
const insights: Insight[] = [
  { kind: 'ai_spend_share', message: 'Step `summarize` of `Digest` costs 61% of AI spend ($6.10 of $10.00).', impact: 0.488, numbers: { share: 0.61, cost_usd: 6.1, total_cost_usd: 10 }, link: '/api/v3/advanced/ai/usage?workflow_id=w1&group_by=step', workflow_id: 'w1' },
  { kind: 'step_failures_since_version', message: 'Step `fetch` of `Daily digest` fails 18% of runs since version 4, was 2%.', impact: 0.32, numbers: { failure_rate: 0.18, previous_failure_rate: 0.02, runs: 50, failed: 9, version: 4 }, link: '/api/v3/workflows/executions?workflow_id=w2&status=failed', workflow_id: 'w2' },
  { kind: 'p95_doubled', message: 'p95 duration of `Publish` went from 2.0 s to 8.0 s this week (4.0x).', impact: 0.75, numbers: { p95_ms: 8000, previous_p95_ms: 2000, factor: 4 }, link: '/api/v3/workflows/w3/executions', workflow_id: 'w3' },
];

afterEach(async () => {
  vi.restoreAllMocks();
  await act(() => i18next.changeLanguage('en'));
});

describe('dashboard', () => {
  it('shows each KPI beside the previous period, coloured by whether the change is good', () => {
    render(<KpiGrid summary={summary} />);
    const failed = screen.getByText('Failed runs').closest('li')!;
    expect(failed.textContent).toContain('12');
    expect(within(failed).getByText('+500% on the previous period').className).toContain('bad');
    const rate = screen.getByText('Success rate').closest('li')!;
    expect(rate.textContent).toContain('Previous period: 98%');
    expect(screen.getByText('p95 duration').closest('li')!.textContent).toContain('No comparison');
  });

  it('orders insights by impact, words them in the language chosen, shows their numbers and links to the screen to look at', async () => {
    render(wrap(<InsightsList insights={insights} />));
    const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('insight'));
    expect(items.map((li) => li.querySelector('.insight-message')!.textContent)).toEqual([
      'The p95 duration of “Publish” went from 2 sec to 8 sec (4×).',
      'Step “summarize” of “Digest” accounts for 61% of AI spend ($6.10 of $10.00).',
      'Step “fetch” of “Daily digest” fails in 18% of runs since version 4; before, 2%.',
    ]);
    expect(within(items[2]!).getByRole('link', { name: 'See the failed runs' }).getAttribute('href')).toBe('/runs?workflow_id=w2&status=failed');
    expect(within(items[1]!).getByRole('link', { name: 'See the workflow’s analytics' }).getAttribute('href')).toBe('/workflows/w1/analytics');
    expect(within(items[2]!).getByText('runs').nextSibling!.textContent).toBe('50');
    await act(() => i18next.changeLanguage('es'));
    expect(screen.getByText(/El paso «fetch» de «Daily digest» falla en el 18\s?% de las ejecuciones desde la versión 4/)).toBeTruthy();
  });

  it('falls back to the server’s words when an insight does not quote the names it should', () => {
    render(wrap(<InsightsList insights={[{ ...insights[2]!, message: 'p95 doubled' }]} />));
    expect(screen.getByText('p95 doubled')).toBeTruthy();
  });

  it('gives a chart a caption in words and its readings as a table on request', async () => {
    render(<TimeSeriesChart title="Runs and failures" times={[Date.UTC(2026, 11, 5, 5, 0), Date.UTC(2026, 11, 5, 5, 1)]} lines={[{ label: 'Runs', color: '--accent', values: [3, 7] }, { label: 'Failures', color: '--bad', values: [0, null] }]} format={String} />);
    const figure = screen.getByRole('figure', { name: 'Runs and failures' });
    expect(figure.querySelector('figcaption')!.textContent).toBe('Runs: latest 7, highest 7. Failures: latest 0, highest 0.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show as table' }));
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([[], ['3', '0'], ['7', '—']]);
    expect(screen.getByRole('button', { name: 'Show as chart' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says a chart has no data rather than drawing an empty one', () => {
    render(<TimeSeriesChart title="AI spend" times={[]} lines={[{ label: 'AI spend', color: '--accent', values: [] }]} format={String} />);
    expect(screen.getByText('No data in this time range yet.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('schedules a report as the analytics_report task on the frequency chosen', async () => {
    const calls: { url: string; body: unknown }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const reply = url.includes('/channels') ? { items: [{ type: 'email', title: 'E-mail' }, { type: 'in_app', title: 'In-app' }] } : { id: 's1', next_run_at: '2026-12-07T08:00:00Z' };
      return new Response(JSON.stringify(reply), { status: url.includes('/channels') ? 200 : 201, headers: { 'content-type': 'application/json' } });
    });
    render(wrap(<ReportScheduleForm />));
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'In-app' });
    await user.click(screen.getByRole('button', { name: 'Schedule the report' }));
    expect(screen.getByRole('alert').textContent).toBe('Add at least one recipient.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'in_app');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Frequency' }), 'monthly');
    await user.clear(screen.getByRole('textbox', { name: 'Time zone' }));
    await user.type(screen.getByRole('textbox', { name: 'Time zone' }), 'Europe/Madrid');
    await user.type(screen.getByRole('textbox', { name: 'Recipients' }), 'u1{Enter}{Enter}u2');
    await user.click(screen.getByRole('button', { name: 'Schedule the report' }));
    await screen.findByText(/^Scheduled\. Next report:/);
    const post = calls.find((call) => call.url.includes('/scheduler/'))!;
    expect(post.url).toBe('/api/v3/scheduler/schedules/monthly');
    expect(post.body).toEqual({
      name: 'Analytics report', time: '08:00', timezone: 'Europe/Madrid', day_of_month: 1,
      payload: { task_type: 'analytics_report', payload: { time_range: 'month', channel: 'in_app', recipients: ['u1', 'u2'] } },
    });
  });
});
