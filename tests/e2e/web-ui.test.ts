// The web UI in a real browser against a real server on SQLite: first-run setup, sign-in, building
// a 3-step workflow in the editor by mouse, saving, running it and watching it live, Spanish, both
// themes; axe-core on every screen, and a screenshot of each under tests/e2e/screenshots/.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer, type ServerProcess } from '../../bench/lib/server-process.js';
import type { FakeOpenAi } from '../support/fake-vendors/openai.js';
import { launchChromium, screenshot, seriousViolations } from './support/browser.js';
import { AI_REPLY, startSlowOpenAi } from './support/slow-openai.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));
const OWNER = { email: 'ana@example.com', password: 'violet tractor sings at noon', name: 'Ana' };
const VARIANTS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'es', theme: 'light' },
  { lang: 'es', theme: 'dark' },
] as const;

describe.runIf(uiBuilt)('the web UI, end to end in Chromium', { timeout: 120_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let ai: FakeOpenAi;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-e2e-'));
    const slow = await startSlowOpenAi();
    ai = slow.fake;
    // SQLite in a fresh folder, whatever DATABASE_URL the test run has: the first start must offer setup.
    server = await startServer({ DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn', DWC_RATE_LIMIT_AUTH: '1000', ...slow.env });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'light', locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    await ai?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  /** Screenshots and axe-checks the current screen in both languages and both themes, ending in English light. */
  async function everyVariant(name: string) {
    const problems: string[] = [];
    for (const { lang, theme } of VARIANTS) {
      await page.emulateMedia({ colorScheme: theme });
      await page.getByLabel(/^(Language|Idioma)$/).first().selectOption(lang);
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(lang);
      await page.waitForTimeout(50);
      await screenshot(page, `${name}-${lang}-${theme}`);
      for (const v of await seriousViolations(page)) problems.push(`${name} ${lang}/${theme}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes)}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel(/^(Language|Idioma)$/).first().selectOption('en');
    expect(problems).toEqual([]);
  }

  it('creates the first owner with the setup token from the log, and signs in and out', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await everyVariant('sign-in');

    await page.getByRole('link', { name: /Create the owner account/ }).click();
    await page.waitForURL(/\/setup/);
    await everyVariant('setup');
    const token = /"setup_token":"([^"]+)"/.exec(server.output())?.[1];
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
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
