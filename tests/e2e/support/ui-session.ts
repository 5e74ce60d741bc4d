// One browser page on a fresh server for an end-to-end file: the server runs on SQLite in a new
// folder (whatever DATABASE_URL the test run has: the first start must offer setup) with a fake
// OpenAI that streams, and the page records CSP violations and uncaught errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServer, stopServer, type ServerProcess } from '../../../bench/lib/server-process.js';
import type { FakeOpenAi } from '../../support/fake-vendors/openai.js';
import { launchChromium, screenshot, seriousViolations } from './browser.js';
import { startSlowOpenAi } from './slow-openai.js';

export interface UiSession {
  server: ServerProcess;
  ai: FakeOpenAi;
  browser: Browser;
  page: Page;
  cspViolations: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startUiSession(options: { viewport: { width: number; height: number }; env?: Record<string, string> }): Promise<UiSession> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-e2e-'));
  const slow = await startSlowOpenAi();
  const server = await startServer({
    DWC_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    DWC_RATE_LIMIT_AUTH: '1000',
    ...slow.env,
    ...options.env,
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport, colorScheme: 'light', locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    server,
    ai: slow.fake,
    browser,
    page,
    cspViolations,
    pageErrors,
    async close() {
      await browser.close();
      await stopServer(server.child);
      await slow.fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const VARIANTS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'es', theme: 'light' },
  { lang: 'es', theme: 'dark' },
] as const;

/** Screenshots and axe-checks the current screen in both languages and both themes, ending in English light. */
export async function everyVariant(page: Page, name: string): Promise<void> {
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

/** Keeps a screenshot of the page when a test failed, named after the test. */
export async function screenshotIfFailed(page: Page | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (page && task.result?.state === 'fail') await screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
}

/** Calls the session's API with a bearer token; the body is null when the answer is not JSON. */
export async function callApi(baseUrl: string, token: string, method: string, path: string, body?: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
}
