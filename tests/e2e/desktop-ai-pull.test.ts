// The desktop window's AI screen, offline with Ollama: the embedded server (started as the app
// starts it) finds a server speaking Ollama's API at OLLAMA_HOST, the screen shows it running with
// its models, and a model download shows its progress, then the model installed. axe-core and a
// screenshot in English/Spanish × light/dark under tests/e2e/screenshots/.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedServer, type EmbeddedServer } from '@dwc/desktop';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../support/fake-vendors/ollama.js';
import { launchChromium } from './support/browser.js';
import { everyVariant, screenshotIfFailed } from './support/ui-session.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('the desktop AI screen with Ollama, in Chromium', { timeout: 120_000 }, () => {
  let userData: string;
  let ollama: FakeOllama;
  let server: EmbeddedServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-ai-e2e-'));
    ollama = await startFakeOllama();
    server = await startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { LOG_LEVEL: 'warn', OLLAMA_HOST: ollama.url, DWC_AI_HEALTH_CACHE_MS: '0' } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-US' })).newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ollama?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  it('shows Ollama running with its models, a download in progress, then the model installed', async () => {
    await page.goto(server.launchUrl('/ai'));
    await page.waitForURL(`${server.url}/ai`);
    const row = page.getByRole('row', { name: /Ollama/ });
    await expect.poll(() => row.textContent()).toContain('llama3.2:latest');
    expect(await row.textContent()).toMatch(/(^|[^n])Reachable/);

    // The registry stops answering half-way: the bar stays at 50 % while the screenshots are taken.
    ollama.pullable.push('qwen2.5:0.5b');
    await page.getByRole('textbox', { name: /Model to download into Ollama/ }).fill('qwen2.5:0.5b');
    ollama.next({ kind: 'stall', afterChunks: 4 });
    await page.getByRole('button', { name: 'Download' }).click();
    const bar = page.getByRole('progressbar', { name: 'Downloading qwen2.5:0.5b…' });
    await expect.poll(() => bar.getAttribute('value')).toBe('50');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Downloading' }).textContent()).toContain('50% (');
    await everyVariant(page, 'desktop-ai-pull-progress');

    // Leaving the screen stops the download; a second one goes through.
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'AI' }).click();
    await page.getByRole('textbox', { name: /Model to download into Ollama/ }).fill('qwen2.5:0.5b');
    await page.getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => page.getByText('qwen2.5:0.5b is installed.').isVisible()).toBe(true);
    await expect.poll(() => row.textContent()).toContain('qwen2.5:0.5b');
    await everyVariant(page, 'desktop-ai-pull-done');
    expect(pageErrors).toEqual([]);
  });
});
