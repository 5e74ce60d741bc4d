// The dashboard in a real browser against a real server on SQLite: a few workflows run (one whose
// latest version breaks a step), metrics stored every second, then the dashboard's figures and
// charts (drawn on canvas, in every time range), the insights with their links, a workflow's own
// analytics, and a report scheduled from the form. axe-core and a screenshot of each screen in
// English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv, TEST_OWNER } from '../../bench/lib/server-process.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

/** Pixels of a canvas that something was drawn on (not fully transparent); runs in the page. */
function drawnPixels(canvas: CanvasLike): number {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
  return drawn;
}

describe.runIf(uiBuilt)('the dashboard, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;
  let checkoutId: string;

  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${session.server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const everyVariant = (name: string) => everyVariantOf(page, name);

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 900 }, env: { ...ownerEnv, DWC_METRICS_FLUSH_SECONDS: '1' } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
    const step = (expression: string) => [{ id: 'check', type: 'transform', input: { expression, data: '{{ input }}' } }];
    const digest = await call('/api/v3/workflows', { method: 'POST', body: { name: 'Daily digest', steps: step('$') } });
    const checkout = await call('/api/v3/workflows', { method: 'POST', body: { name: 'Checkout', steps: step('$') } });
    checkoutId = checkout.body.id as string;
    for (let i = 0; i < 3; i++) expect((await call(`/api/v3/workflows/${digest.body.id}/execute?wait=true`, { method: 'POST', body: { n: i } })).body.status).toBe('succeeded');
    for (let i = 0; i < 10; i++) expect((await call(`/api/v3/workflows/${checkoutId}/execute?wait=true`, { method: 'POST', body: { value: 'x' } })).body.status).toBe('succeeded');
    // Version 2 reads a number that is not there: the step now fails every run.
    expect((await call(`/api/v3/workflows/${checkoutId}`, { method: 'PUT', body: { name: 'Checkout', steps: step('$number(value)') } })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await call(`/api/v3/workflows/${checkoutId}/execute?wait=true`, { method: 'POST', body: { value: 'x' } })).body.status).toBe('failed');
    // Metrics are stored every second; wait until the runs are.
    const deadline = Date.now() + 20_000;
    while (((await call('/api/v3/metrics/metrics?name=dwc_executions_total')).body.series as unknown[]).length === 0) {
      if (Date.now() > deadline) throw new Error('the runs never reached the stored metrics');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  it('shows the figures beside the previous period and draws every chart, in each time range', async () => {
    await signInInBrowser(page, session.server.url);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);
    const kpi = (name: string) => page.locator('li.kpi').filter({ has: page.getByText(name, { exact: true }) });
    const runs = kpi('Runs');
    await expect.poll(() => runs.textContent()).toContain('23');
    expect(await kpi('Failed runs').textContent()).toContain('10');

    const runsChart = page.getByRole('figure', { name: 'Runs and failures' });
    await expect.poll(() => runsChart.locator('canvas').count(), { timeout: 15_000 }).toBe(1);
    expect(Number(await runsChart.locator('canvas').evaluate(drawnPixels as never))).toBeGreaterThan(500);
    expect(await runsChart.locator('figcaption').textContent()).toMatch(/Runs: latest \d+, highest \d+\. Failures: latest \d+, highest 10\./);
    // Every chart but AI spend and tokens (no AI call was made) is drawn.
    await expect.poll(() => page.locator('figure.chart canvas').count()).toBe(6);
    expect(await page.getByRole('figure', { name: 'AI spend (USD)' }).textContent()).toContain('No data in this time range yet.');
    await everyVariant('dashboard');

    for (const [label, range] of [['Last hour', 'hour'], ['Last week', 'week'], ['Last 30 days', 'month']] as const) {
      await page.getByLabel(label, { exact: true }).click();
      await page.waitForURL(new RegExp(`range=${range}$`));
      await expect.poll(() => runs.textContent()).toContain('23');
      await expect.poll(() => runsChart.locator('canvas').count()).toBe(1);
      expect(Number(await runsChart.locator('canvas').evaluate(drawnPixels as never))).toBeGreaterThan(500);
    }

    await runsChart.getByRole('button', { name: 'Show as table' }).click();
    await expect.poll(() => runsChart.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
    await runsChart.getByRole('button', { name: 'Show as chart' }).click();
    await expect.poll(() => runsChart.locator('canvas').count()).toBe(1);
  });

  it('lists the insight that the broken version gave, with its numbers and a link to the failed runs', async () => {
    const insight = page.getByRole('listitem').filter({ hasText: 'Step “check” of “Checkout” fails in 100% of runs since version 2; before, 0%.' });
    await insight.scrollIntoViewIfNeeded();
    expect(await insight.getByRole('term').allTextContents()).toEqual(expect.arrayContaining(['failure rate', 'runs', 'version']));
    await everyVariant('dashboard-insights');
    await insight.getByRole('link', { name: 'See the failed runs' }).click();
    await page.waitForURL(new RegExp(`/runs\\?workflow_id=${checkoutId}&status=failed$`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
  });

  it("shows a workflow's own analytics from its page, over the range chosen", async () => {
    await page.goto(`${session.server.url}/workflows/${checkoutId}`);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(new RegExp(`/workflows/${checkoutId}/analytics$`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Analytics: Checkout');
    const figure = (name: string) => page.locator('li.kpi').filter({ has: page.getByText(name, { exact: true }) }).textContent();
    await expect.poll(() => figure('Runs')).toContain('20');
    expect(await figure('Success rate')).toContain('50');
    expect(await page.getByRole('table', { name: 'Failing steps' }).getByRole('row', { name: /check/ }).textContent()).toContain('10');
    const chart = page.getByRole('figure', { name: 'Runs and failures' });
    await expect.poll(() => chart.locator('canvas').count()).toBe(1);
    expect(Number(await chart.locator('canvas').evaluate(drawnPixels as never))).toBeGreaterThan(500);
    expect(await chart.locator('figcaption').textContent()).toBe('Runs: latest 20, highest 20. Failures: latest 10, highest 10.');
    await page.getByLabel('Last hour', { exact: true }).click();
    await page.waitForURL(/range=hour$/);
    await expect.poll(() => figure('Runs')).toContain('20');
    await everyVariant('workflow-analytics');
  });

  it('schedules a weekly report from the dashboard', async () => {
    await page.goto(`${session.server.url}/dashboard`);
    const form = page.getByRole('form', { name: 'Schedule a report' });
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('Channel').selectOption('in_app');
    await form.getByLabel('Recipients').fill(TEST_OWNER.email);
    await everyVariant('dashboard-report-form');
    await form.getByRole('button', { name: 'Schedule the report' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Scheduled\. Next report: /);
    const schedules = (await call('/api/v3/scheduler/schedules?limit=10')).body.items as { name: string; kind: string; payload: unknown }[];
    expect(schedules.find((s) => s.name === 'Analytics report')).toMatchObject({
      kind: 'weekly', payload: { task_type: 'analytics_report', payload: { time_range: 'week', channel: 'in_app', recipients: [TEST_OWNER.email] } },
    });
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
