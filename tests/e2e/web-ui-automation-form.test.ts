// The automation form in a real browser against a real server on SQLite: a new automation from a
// template, edited with a run_workflow action whose workflow is picked by name in the combobox,
// the form's own checks and the server's refusal shown on their fields, then deleted after the
// confirmation. axe-core and screenshots in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { callApi, everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('the automation form, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;

  const everyVariant = (name: string) => everyVariantOf(page, name);
  const call = (method: string, path: string, body?: object) => callApi(session.server.url, token, method, path, body);

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterEach(async (context) => screenshotIfFailed(page, context.task));
  afterAll(async () => {
    await session?.close();
  });

  it('creates from a template, picks a workflow by name, shows both checks on their fields, and deletes after confirming', async () => {
    const target = await call('POST', '/api/v3/workflows', { name: 'Invoice intake', steps: [{ id: 'seen', type: 'transform', input: { expression: '{ "seen": true }' } }] });
    expect(target.status).toBe(201);
    await call('POST', '/api/v3/workflows', { name: 'Daily report', steps: [{ id: 'seen', type: 'transform', input: { expression: '1' } }] });

    await page.getByRole('navigation').getByRole('link', { name: 'Automations', exact: true }).click();
    await page.waitForURL(/\/automations$/);
    await page.getByRole('link', { name: 'Content on request' }).click();
    await page.waitForURL(/\/automations\/new\?template=content_on_request$/);
    const form = page.getByRole('form', { name: 'New automation' });
    await expect.poll(() => form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Content on request');
    const first = form.getByRole('group', { name: 'Action 1' });
    expect(await first.getByRole('combobox', { name: 'Action type' }).inputValue()).toBe('ai_generation');
    expect(await first.getByRole('textbox', { name: 'Max tokens' }).inputValue()).toBe('1000');
    await everyVariant('automation-form-template');

    await form.getByRole('button', { name: 'Create automation' }).click();
    await page.waitForURL(/\/automations\/(?!new)[^/?]+$/);
    const id = page.url().split('/').pop()!;
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Content on request' }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(new RegExp(`/automations/${id}/edit$`));
    const edit = page.getByRole('form', { name: 'Edit automation' });
    await edit.getByRole('button', { name: 'Add action' }).click();
    const third = edit.getByRole('group', { name: 'Action 3' });
    await third.getByRole('combobox', { name: 'Action type' }).selectOption('run_workflow');
    const picker = third.getByRole('combobox', { name: /Workflow/ });
    await picker.fill('invoice');
    const list = third.getByRole('listbox');
    const option = list.getByRole('option', { name: /Invoice intake/ });
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await option.click();
    await expect.poll(() => picker.inputValue()).toBe('Invoice intake');

    // The form's own check: a temperature over the schema's maximum is refused before sending.
    const temperature = edit.getByRole('group', { name: 'Action 1' }).getByRole('textbox', { name: 'Temperature' });
    await temperature.fill('7');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.locator('.field[data-field="temperature"] .field-error').textContent()).toBe('must be at most 2');
    await temperature.fill('0.5');

    // The server's check: a variant name it refuses comes back on that field.
    await edit.getByRole('group', { name: 'Action 2' }).getByRole('button', { name: 'Add variant' }).click();
    await edit.getByRole('group', { name: 'Action 2' }).getByRole('button', { name: 'Add variant' }).click();
    await edit.getByRole('group', { name: 'Variant 1' }).getByRole('textbox', { name: 'Variant name' }).fill('bad name!');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByRole('group', { name: 'Variant 1' }).getByRole('alert').count()).toBe(1);
    expect(page.url()).toMatch(/\/edit$/);
    await everyVariant('automation-form-refused');
    await edit.getByRole('group', { name: 'Variant 1' }).getByRole('button', { name: 'Remove variant' }).click();
    await edit.getByRole('group', { name: 'Variant 1' }).getByRole('button', { name: 'Remove variant' }).click();

    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/automations/${id}$`));
    const saved = (await call('GET', `/api/v3/automations/${id}`)).body as { actions: { type: string; parameters: Record<string, unknown> }[] };
    expect(saved.actions.map((a) => a.type)).toEqual(['ai_generation', 'send_notification', 'run_workflow']);
    expect(saved.actions[0]!.parameters.temperature).toBe(0.5);
    expect(saved.actions[2]!.parameters).toEqual({ workflow_id: target.body.id });
    await everyVariant('automation-page');

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Content on request”?' });
    await dialog.waitFor();
    await everyVariant('automation-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete automation' }).click();
    await page.waitForURL(/\/automations$/);
    expect((await call('GET', `/api/v3/automations/${id}`)).status).toBe(404);
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
