// Roles and AI templates in a real browser against a real server on SQLite: the owner creates a
// workflow from an AI template; a viewer and an editor (created through the API by the owner) sign in
// and see only what their role may do, and a screen they may not use says so instead of breaking.
// axe-core and screenshots in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv, TEST_OWNER } from '../../bench/lib/server-process.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));
const VIEWER = { email: 'vera@example.com', password: 'quiet lantern over the bay', name: 'Vera', role: 'viewer' };
const EDITOR = { email: 'eddie@example.com', password: 'copper kite above hills', name: 'Eddie', role: 'editor' };

describe.runIf(uiBuilt)('roles and AI templates, end to end in Chromium', { timeout: 120_000 }, () => {
  let session: UiSession;
  let page: Page;
  let workflowId: string;
  let executionId: string;

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 720 }, env: ownerEnv });
    page = session.page;
    const token = await loginAsOwner(session.server.url);
    const call = async (path: string, body: unknown) => {
      const response = await fetch(`${session.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    for (const user of [VIEWER, EDITOR]) await call('/api/v3/auth/users', user);
    workflowId = (await call('/api/v3/workflows', { name: 'Count words', steps: [{ id: 'count', type: 'transform', input: { expression: '$count($split(text, " "))', data: '{{ input }}' } }] })).id;
    executionId = (await call(`/api/v3/workflows/${workflowId}/execute?wait=true`, { text: 'one two three' })).id;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  const everyVariant = (name: string) => everyVariantOf(page, name);

  async function signInAs(user: { email: string; password: string }) {
    if (await page.getByRole('button', { name: /Account menu/ }).isVisible()) {
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
    }
    await page.goto(`${session.server.url}/sign-in`);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    await expect.poll(() => page.getByRole('link', { name: 'Count words' }).isVisible()).toBe(true);
  }

  const notAllowed = () => page.getByRole('heading', { name: 'Not allowed' });

  it('lets the owner create a workflow from an AI template, filled in, and opens it in the editor', async () => {
    await signInAs(TEST_OWNER);
    await page.getByRole('button', { name: 'From an AI template' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await page.getByRole('radio', { name: /Summarization/ }).check();
    await page.getByRole('textbox', { name: /^text/ }).fill('The quarter closed with revenue up 12% and two new offices.');
    await page.getByRole('textbox', { name: /^max_sentences/ }).fill('2');
    await everyVariant('ai-template');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.waitForURL(/\/workflows\/(?!new)[^/]+$/);
    // The template's steps, after the step that gathers its parameters.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__node[data-id="summary"]').isVisible()).toBe(true);
    expect(await page.getByLabel('Workflow name').inputValue()).toBe('Summarization');
    await expect.poll(() => page.getByText('Version 1').isVisible()).toBe(true);

    // The owner holds what the others lack, so the checks below can fail.
    await page.goto(`${session.server.url}/runs/${executionId}`);
    await page.locator('.react-flow__node').first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Re-run from count' }).isVisible()).toBe(true);
  });

  it('shows a viewer the workflows and runs read-only, and says "not allowed" where the role may not go', async () => {
    await signInAs(VIEWER);
    expect(await page.getByRole('link', { name: 'New workflow' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'From an AI template' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Run: / }).count()).toBe(0);
    await everyVariant('viewer-workflows');

    await page.getByRole('link', { name: 'Count words' }).click();
    await expect.poll(() => page.getByText(/Read only: your role \(viewer\)/).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    for (const name of ['Save', 'Run', 'Undo']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Add step/ }).count()).toBe(0);
    // The trigger and step panels show their settings but take no change.
    expect(await page.getByRole('combobox', { name: 'Starts on' }).isDisabled()).toBe(true);
    await page.locator('.react-flow__node').first().click();
    const panel = page.getByRole('complementary', { name: /count/ });
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.getByRole('textbox', { name: 'Step id' }).isDisabled()).toBe(true);
    expect(await panel.locator('.cm-content[contenteditable="true"]').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Delete step' }).count()).toBe(0);
    await everyVariant('viewer-editor');

    await page.goto(`${session.server.url}/runs/${executionId}`);
    await page.locator('.react-flow__node').first().click();
    await expect.poll(() => page.getByRole('complementary', { name: /count/ }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Re-run from/ }).count()).toBe(0);

    await page.goto(`${session.server.url}/workflows/new`);
    await expect.poll(() => notAllowed().isVisible()).toBe(true);
    await everyVariant('not-allowed');

    await page.goto(`${session.server.url}/operations/health`);
    const sections = page.getByRole('navigation', { name: 'Operations sections' });
    await expect.poll(() => sections.getByRole('link', { name: 'Health' }).isVisible()).toBe(true);
    for (const name of ['Users', 'Audit log']) expect(await sections.getByRole('link', { name }).count()).toBe(0);
    await page.getByRole('link', { name: 'Plugins' }).click();
    await expect.poll(() => page.getByRole('row', { name: /plugin-ai-openai/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByRole('button', { name: /^(Disable|Settings of) / }).count()).toBe(0);
    for (const section of ['users', 'audit']) {
      await page.goto(`${session.server.url}/operations/${section}`);
      await expect.poll(() => notAllowed().isVisible()).toBe(true);
    }
  });

  it('lets an editor edit and run workflows but not reach users or the audit log', async () => {
    await signInAs(EDITOR);
    await expect.poll(() => page.getByRole('link', { name: 'New workflow' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Run: Count words' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Count words' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Add step transform' }).isVisible()).toBe(true);
    await page.getByLabel('Workflow name').fill('Count words, edited');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Version 2').isVisible()).toBe(true);
    expect(await page.getByText(/Read only/).count()).toBe(0);

    await page.goto(`${session.server.url}/operations/health`);
    const sections = page.getByRole('navigation', { name: 'Operations sections' });
    await expect.poll(() => sections.getByRole('link', { name: 'API keys' }).isVisible()).toBe(true);
    for (const name of ['Users', 'Audit log']) expect(await sections.getByRole('link', { name }).count()).toBe(0);
    await page.goto(`${session.server.url}/operations/users`);
    await expect.poll(() => notAllowed().isVisible()).toBe(true);
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
