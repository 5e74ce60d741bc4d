// The trigger and schedule screens in a real browser against a real server on SQLite: a cron
// schedule made in the UI shows its next runs, pauses, resumes and fills its history as it fires;
// a webhook trigger set in the editor, saved and switched on starts a run from a plain POST and
// answers 404 once switched off. axe-core and a screenshot of each screen in English/Spanish ×
// light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('the trigger and schedule screens, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;
  let workflowId: string;

  const everyVariant = (name: string) => everyVariantOf(page, name);
  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${session.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };
  /** Types into a schema form field (CodeMirror for text) by its label. */
  const typeInto = async (scope: Page | ReturnType<Page['getByRole']>, name: RegExp, text: string) => {
    await scope.getByRole('textbox', { name }).click();
    await page.keyboard.insertText(text);
  };

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
    const created = await call('POST', '/api/v3/workflows', {
      name: 'Count words',
      steps: [{ id: 'count', type: 'transform', input: { expression: '{ "seen": true }', data: '{{ input }}' } }],
    });
    expect(created.status).toBe(201);
    workflowId = String(created.body.id);
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  it('creates a cron schedule firing every second, shows its next runs, pauses and resumes it, and lists its runs', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Schedules', exact: true }).click();
    await page.waitForURL(/\/schedules$/);
    await expect.poll(() => page.getByText('No schedules yet.', { exact: false }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'New schedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New schedule' });
    // A bad expression is refused by the API, and its message shows beside the field.
    await typeInto(dialog, /^name/, 'Every second');
    await typeInto(dialog, /^cron_expression/, '* * *');
    // The workflow is picked by name in the workflow combobox; the form stores its id.
    await dialog.getByRole('combobox', { name: /^workflow_id/ }).fill('Count');
    await dialog.getByRole('listbox').getByRole('option', { name: new RegExp(`Count words.*${workflowId}`) }).click();
    await expect.poll(() => dialog.getByRole('combobox', { name: /^workflow_id/ }).inputValue()).toBe('Count words');
    await dialog.getByRole('button', { name: 'Create schedule' }).click();
    await expect.poll(async () => (await dialog.getByRole('alert').allTextContents()).join(' ')).toContain('must have 5 fields');
    await everyVariant('schedules-create-error');

    await dialog.getByRole('textbox', { name: /^cron_expression/ }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('* * * * * *');
    await dialog.getByRole('button', { name: 'Create schedule' }).click();
    await page.waitForURL(/\/schedules\/[^/]+$/);
    const nextRuns = page.getByRole('region', { name: 'Next runs' });
    await expect.poll(() => nextRuns.getByRole('listitem').count()).toBe(5);

    await expect.poll(() => page.getByRole('link', { name: /Open run planned for/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await everyVariant('schedule-detail');

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByText('Paused: nothing runs until you resume it.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => nextRuns.getByRole('listitem').count()).toBe(5);

    await page.getByRole('link', { name: 'Open run planned for', exact: false }).first().click();
    await page.waitForURL(/\/runs\/[^/]+$/);

    await page.getByRole('navigation').getByRole('link', { name: 'Schedules', exact: true }).click();
    const row = page.getByRole('row', { name: /Every second/ });
    await expect.poll(() => row.textContent()).toContain('* * * * * *');
    await everyVariant('schedules-list');
    await page.getByRole('button', { name: 'Pause Every second' }).click();
    await expect.poll(() => row.getByText('Paused').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Delete Every second' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Every second?' });
    await everyVariant('schedules-delete');
    await confirm.getByRole('button', { name: 'Delete schedule' }).click();
    await expect.poll(() => page.getByText('No schedules yet.', { exact: false }).isVisible()).toBe(true);
  });

  it('sets a webhook trigger with a token in the editor, switches it on, starts a run by POST, and answers 404 when off', async () => {
    expect((await call('PUT', '/api/v3/security/secrets/hook_token', { value: 's3cret-token' })).status).toBeLessThan(300);
    await page.goto(`${session.server.url}/workflows/${workflowId}`);
    const panel = page.getByRole('complementary', { name: 'Trigger' });
    await panel.getByRole('combobox', { name: 'Starts on' }).selectOption('webhook');
    await expect.poll(() => panel.getByText('Give the webhook a path to see the address to call.').isVisible()).toBe(true);
    await typeInto(panel, /^path/, 'orders/new');
    await expect.poll(() => panel.getByTestId('webhook-url').textContent()).toBe(`POST ${session.server.url}/webhook/orders/new`);
    const auth = panel.getByRole('group', { name: 'auth' });
    await auth.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'header' });
    await typeInto(auth, /^secret/, 'hook_token');
    await typeInto(auth, /^header/, 'x-hook-token');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Saved' }).isVisible()).toBe(true);
    await panel.evaluate((el) => el.scrollTo(0, 0));
    await everyVariant('editor-trigger');

    await page.getByRole('switch', { name: 'Active' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Active' }).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.getByText('Trigger on').isVisible()).toBe(true);

    const hook = (headers: Record<string, string>) => fetch(`${session.server.url}/webhook/orders/new`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"order": 42}' });
    expect((await hook({})).status).toBe(401);
    const accepted = await hook({ 'x-hook-token': 's3cret-token' });
    expect(accepted.status).toBe(202);
    const { execution_id: executionId } = (await accepted.json()) as { execution_id: string };

    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await expect.poll(() => page.locator(`a[href="/runs/${executionId}"]`).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    const row = page.getByRole('row', { name: /Count words/ });
    await expect.poll(() => row.textContent()).toContain('Webhook');
    expect(await row.textContent()).toContain('On');
    await everyVariant('workflows-active');

    await row.getByRole('link', { name: 'Count words' }).click();
    await page.getByRole('switch', { name: 'Active' }).click();
    await expect.poll(() => page.getByText('Trigger off').isVisible()).toBe(true);
    expect((await hook({ 'x-hook-token': 's3cret-token' })).status).toBe(404);
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
