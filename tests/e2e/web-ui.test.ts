// The web UI in a real browser against a real server on SQLite: first-run setup, sign-in, building
// a 3-step workflow in the editor by mouse, saving, running it and watching it live, Spanish, both
// themes; axe-core on every screen, and a screenshot of each under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AI_REPLY } from './support/slow-openai.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));
const OWNER = { email: 'ana@example.com', password: 'violet tractor sings at noon', name: 'Ana' };

describe.runIf(uiBuilt)('the web UI, end to end in Chromium', { timeout: 120_000 }, () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 720 } });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  const everyVariant = (name: string) => everyVariantOf(page, name);

  it('creates the first owner with the setup token from the log, and signs in and out', async () => {
    await page.goto(session.server.url);
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await everyVariant('sign-in');

    await page.getByRole('link', { name: /Create the owner account/ }).click();
    await page.waitForURL(/\/setup/);
    await everyVariant('setup');
    const token = /"setup_token":"([^"]+)"/.exec(session.server.output())?.[1];
    expect(token).toBeTruthy();
    await page.getByLabel('Setup token').fill(token!);
    await page.getByLabel('Name').fill(OWNER.name);
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create owner and sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    await expect.poll(() => page.getByText('No workflows yet').isVisible()).toBe(true);
    expect(await page.evaluate('document.cookie')).toBe('');

    // A reload keeps the session through the HttpOnly cookie alone.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Workflows' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.reload();
    await page.waitForURL(/\/sign-in/);

    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    await everyVariant('workflows-empty');
  });

  it('builds transform -> ai.generate -> document.create by mouse, saves, runs and watches it turn green', async () => {
    await page.getByRole('link', { name: 'New workflow' }).click();
    await page.waitForURL(/\/workflows\/new/);
    await page.getByLabel('Workflow name').fill('Quarterly summary');

    await page.getByRole('button', { name: 'Add step transform' }).click();
    await page.getByRole('textbox', { name: /^expression/ }).click();
    await page.keyboard.insertText('"Summarise the quarterly report in one line"');

    await page.getByRole('button', { name: 'Add step ai.generate' }).click();
    await page.getByRole('textbox', { name: /^prompt/ }).click();
    await page.keyboard.insertText('{{ steps.transform.outp');
    await page.keyboard.type('u');
    await page.getByRole('option', { name: 'steps.transform.output.result' }).click();
    await page.keyboard.insertText(' }}');

    await page.getByRole('button', { name: 'Add step document.create' }).click();
    await page.getByRole('textbox', { name: /^title/ }).click();
    await page.keyboard.insertText('Quarterly summary');
    await page.getByRole('textbox', { name: /^content/ }).click();
    await page.keyboard.insertText('{{ steps.generate.output.text }}');

    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await everyVariant('editor');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/workflows\/wf_|\/workflows\/(?!new)[^/]+$/);
    await expect.poll(() => page.getByText('Version 1').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await everyVariant('run-dialog');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\//);

    // The AI text streams into the run view while the step is still running.
    await expect.poll(() => page.getByTestId('ai-stream').textContent(), { timeout: 15_000 }).toMatch(/Resumen/);
    await expect.poll(() => page.locator('.step-node[data-status="succeeded"]').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('ai-stream').textContent()).toBe(AI_REPLY);
    await page.getByRole('button', { name: 'create', exact: true }).click();
    await everyVariant('run');
  });

  it('opens the produced document, rendered safely, with its lineage', async () => {
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.waitForURL(/\/documents$/);
    await everyVariant('documents');
    await page.getByRole('link', { name: 'Quarterly summary' }).click();
    await page.waitForURL(/\/documents\/[^/]+$/);
    await expect.poll(() => page.locator('article.reader').textContent()).toContain(AI_REPLY);
    await expect.poll(() => page.getByRole('heading', { name: 'Lineage' }).isVisible()).toBe(true);
    await everyVariant('document');
  });

  it('lists the workflow with its last run, in Spanish', async () => {
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.waitForURL(/\/workflows$/);
    await expect.poll(() => page.getByRole('link', { name: 'Quarterly summary' }).isVisible()).toBe(true);
    await page.getByLabel('Language').selectOption('es');
    await expect.poll(() => page.getByRole('heading', { name: 'Flujos de trabajo' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Correcto').first().isVisible()).toBe(true);
    await page.getByLabel('Idioma').selectOption('en');
    await everyVariant('workflows');
  });

  it('ran under the server CSP without a violation or an uncaught error', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
