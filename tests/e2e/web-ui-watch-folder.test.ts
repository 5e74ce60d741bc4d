// "Watch a folder" in the workflow editor, in a real browser against a real server on SQLite with
// DWC_WATCH_ROOTS set: in a plain browser the folder is typed, a folder outside the roots is refused
// with the server's reason shown in the dialog, and one inside is saved as a file_watch trigger and
// switched on; a file dropped there starts a run, which the workflow list shows as its last run.
// With a stand-in of the desktop app's bridge on `window` (as its preload exposes it) the folder is
// picked through `pickWatchFolder`, with no text field. axe-core and screenshots of the dialog in
// English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { everyVariant, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('watching a folder from the workflow editor, end to end in Chromium', { timeout: 180_000 }, () => {
  const roots = mkdtempSync(join(tmpdir(), 'dwc-e2e-watch-'));
  const outside = mkdtempSync(join(tmpdir(), 'dwc-e2e-outside-'));
  const typed = join(roots, 'typed-inbox');
  const picked = join(roots, 'picked-inbox');
  let session: UiSession;
  let page: Page;
  let desktop: BrowserContext | undefined;
  let current: Page;
  let token: string;

  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${session.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const newWorkflow = async (name: string) =>
    String((await call('POST', '/api/v3/workflows', { name, steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input.file.name }}' } }] })).id);
  const runsOf = async (id: string) => ((await call('GET', `/api/v3/workflows/${id}/executions`)).items as { status: string; input: { file?: { name: string } } }[]);

  beforeAll(async () => {
    mkdirSync(typed);
    mkdirSync(picked);
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv, DWC_WATCH_ROOTS: roots } });
    page = session.page;
    current = page;
    token = await loginAsOwner(session.server.url);
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterAll(async () => {
    await desktop?.close();
    await session?.close();
    rmSync(roots, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  afterEach(async (context) => {
    await screenshotIfFailed(current, context.task);
  });

  it('in a browser: refuses a folder outside DWC_WATCH_ROOTS in the dialog, watches one inside, and a dropped file starts a run', async () => {
    const id = await newWorkflow('Typed inbox');
    await page.goto(`${session.server.url}/workflows/${id}`);
    await page.getByRole('button', { name: 'Watch a folder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Watch a folder' });
    expect(await dialog.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
    await dialog.getByRole('textbox', { name: 'Folder' }).fill(outside);
    await dialog.getByRole('textbox', { name: 'Files (patterns)' }).fill('*.txt');
    await dialog.getByRole('button', { name: 'Save and watch' }).click();
    const refusal = dialog.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toMatch(/^The server refused this folder: must be inside one of /);
    expect(await refusal.textContent()).toContain(roots);
    expect(await dialog.getByRole('textbox', { name: 'Folder' }).getAttribute('aria-invalid')).toBe('true');
    expect((await call('GET', `/api/v3/workflows/${id}`)).active).toBe(false);
    await everyVariant(page, 'watch-folder-refused');

    await dialog.getByRole('textbox', { name: 'Folder' }).fill(typed);
    await dialog.getByRole('button', { name: 'Save and watch' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByRole('switch', { name: 'Active' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('button', { name: 'Trigger: File watch' }).count()).toBe(1);
    const saved = await call('GET', `/api/v3/workflows/${id}`);
    expect(saved).toMatchObject({ active: true, version: 2, trigger: { type: 'file_watch', folder: typed, patterns: ['*.txt'], events: ['add'] } });
    await everyVariant(page, 'watch-folder-saved');

    writeFileSync(join(typed, 'ignored.pdf'), 'not matched');
    writeFileSync(join(typed, 'march.txt'), 'invoice 42');
    await expect.poll(async () => (await runsOf(id)).map((r) => `${r.input.file?.name}:${r.status}`), { timeout: 20_000 }).toEqual(['march.txt:succeeded']);

    await page.getByRole('navigation').getByRole('link', { name: 'Workflows', exact: true }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Typed inbox' }) });
    await expect.poll(() => row.getByRole('link', { name: /Succeeded/ }).count()).toBe(1);
  });

  it("with the desktop app's bridge: the folder comes from its folder dialog, and a file dropped there starts a run", async () => {
    desktop = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-US' });
    // What the desktop preload exposes (apps/desktop/src/ipc-channels.ts), answering as the operator's folder dialog would.
    await desktop.addInitScript(`window.dwcDesktop = Object.freeze({ pickWatchFolder: () => { window.__picks = (window.__picks || 0) + 1; return Promise.resolve(${JSON.stringify(picked)}); } });`);
    current = await desktop.newPage();
    current.on('pageerror', (error) => session.pageErrors.push(error.message));
    current.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) session.cspViolations.push(message.text());
    });
    await signInInBrowser(current, session.server.url);
    const id = await newWorkflow('Picked inbox');
    await current.goto(`${session.server.url}/workflows/${id}`);
    await current.getByRole('button', { name: 'Watch a folder' }).click();
    const dialog = current.getByRole('dialog', { name: 'Watch a folder' });
    expect(await dialog.getByRole('textbox', { name: 'Folder' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Save and watch' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => dialog.getByText(picked).count()).toBe(1);
    expect(await current.evaluate('window.__picks')).toBe(1);
    await everyVariant(current, 'watch-folder-desktop');

    await dialog.getByRole('button', { name: 'Save and watch' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => current.getByRole('switch', { name: 'Active' }).getAttribute('aria-checked')).toBe('true');
    expect(await call('GET', `/api/v3/workflows/${id}`)).toMatchObject({ active: true, trigger: { type: 'file_watch', folder: picked, patterns: ['**/*'] } });

    writeFileSync(join(picked, 'april.md'), '# April');
    await expect.poll(async () => (await runsOf(id)).map((r) => `${r.input.file?.name}:${r.status}`), { timeout: 20_000 }).toEqual(['april.md:succeeded']);
  });

  it('ran under the server CSP without a violation or an uncaught error', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
