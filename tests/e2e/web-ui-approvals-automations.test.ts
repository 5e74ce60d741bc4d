// The approvals inbox and the automations screen in a real browser against a real server on SQLite:
// a run waiting on an approval step is listed, approved in the UI and finishes; an automation is
// triggered from its screen, its run listed, and feedback posted from it. axe-core and a screenshot
// of each screen in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { callApi, everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('the approvals and automations screens, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;

  const everyVariant = (name: string) => everyVariantOf(page, name);
  const call = (method: string, path: string, body?: object) => callApi(session.server.url, token, method, path, body);
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  it('lists a run waiting on an approval step, approves it in the inbox, and the run finishes', async () => {
    const workflow = await call('POST', '/api/v3/workflows', {
      name: 'Publish after approval',
      steps: [
        { id: 'draft', type: 'transform', input: { expression: '"draft of " & topic', data: '{{ input }}' } },
        { id: 'ok', type: 'approval', input: { message: 'Publish the post on {topic}?', approvers: ['owner'] } },
        { id: 'publish', type: 'transform', input: { expression: '{ "published": draft }', data: { draft: '{{ steps.draft.output.result }}' } } },
      ],
    });
    expect(workflow.status).toBe(201);
    const started = await call('POST', `/api/v3/workflows/${String(workflow.body.id)}/execute`, { topic: 'tides' });
    const executionId = String(started.body.id);

    await nav('Approvals').click();
    await page.waitForURL(/\/approvals$/);
    const item = page.getByRole('listitem', { name: 'Publish the post on tides?' });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    await everyVariant('approvals-inbox');

    await item.getByRole('textbox', { name: 'Comment' }).fill('Looks right');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByText('Nothing is waiting for your decision.').isVisible()).toBe(true);
    await everyVariant('approvals-empty');
    await expect.poll(async () => (await call('GET', `/api/v3/workflows/executions/${executionId}`)).body.status, { timeout: 15_000 }).toBe('succeeded');

    await page.goto(`${session.server.url}/runs/${executionId}`);
    await expect.poll(() => page.getByText('Succeeded', { exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('triggers an automation from its screen, lists the run, and posts feedback on it', async () => {
    const created = await call('POST', '/api/v3/automations', {
      name: 'Content Automation',
      description: 'Writes a post when a content request comes in',
      trigger: { type: 'event_based', conditions: { event_type: 'content_request', priority: 'high' } },
      actions: [{ type: 'ai_generation', parameters: { prompt_template: 'Generate content for: {topic}', max_tokens: 50, temperature: 0.7 } }],
      ai_decision_making: false,
      learning_enabled: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body.id);

    await nav('Automations').click();
    await page.waitForURL(/\/automations$/);
    await page.getByRole('link', { name: 'Content Automation' }).click();
    await page.waitForURL(new RegExp(`/automations/${id}$`));
    const card = page.getByRole('region', { name: 'Runs of Content Automation' });
    await expect.poll(() => card.getByText('No runs yet.').isVisible()).toBe(true);

    await page.getByRole('textbox', { name: 'Trigger data (JSON object)' }).fill('{"event_type": "content_request", "priority": "low", "topic": "tides"}');
    await page.getByRole('button', { name: 'Trigger now' }).click();
    await expect.poll(() => page.getByText('Triggered, but the conditions did not match; no action ran.').isVisible()).toBe(true);

    await page.getByRole('textbox', { name: 'Trigger data (JSON object)' }).fill('{"event_type": "content_request", "priority": "high", "topic": "tides"}');
    await page.getByRole('button', { name: 'Trigger now' }).click();
    await expect.poll(() => page.getByText('Triggered: the conditions matched.').isVisible()).toBe(true);
    await expect.poll(() => card.getByRole('button', { name: 'Send score' }).count()).toBe(1);
    expect(await card.getByRole('row').nth(2).textContent()).toContain('priority ✗ (did not match)');
    await everyVariant('automations-runs');

    await card.getByRole('spinbutton', { name: /Score \(0–100\)/ }).fill('80');
    await card.getByRole('button', { name: 'Send score' }).click();
    await expect.poll(async () => {
      const stats = (await call('GET', '/api/v3/automations/stats')).body as { automations: { id: string; feedback: number }[] };
      return stats.automations.find((a) => a.id === id)?.feedback;
    }).toBe(1);
    await expect.poll(() => card.getByText('Outcome recorded; it guides which variant runs next.').isVisible()).toBe(true);
    await everyVariant('automations-feedback');
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
