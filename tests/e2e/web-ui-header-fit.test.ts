// The editor's header at 1280×720 in a real browser: the app bar and the editor toolbar each stay
// on one row, in English and Spanish, light and dark (where words do not fit, undo/redo and the
// theme switch are icon buttons with a label and a tooltip). Screenshots under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { screenshot } from './support/browser.js';
import { screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

/**
 * The rows a container's visible children sit on (a child whose middle is within its half height
 * of a row's middle shares that row), and whether the container overflows sideways.
 */
function rowsOf(page: Page, selector: string): Promise<{ rows: number; overflow: boolean }> {
  return page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)});
    if (!box) return { rows: -1, overflow: true };
    const middles = [];
    for (const child of Array.from(box.children)) {
      const rect = child.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const middle = rect.top + rect.height / 2;
      if (!middles.some((m) => Math.abs(m - middle) < rect.height / 2 + 4)) middles.push(middle);
    }
    return { rows: middles.length, overflow: box.scrollWidth > box.clientWidth + 1 };
  })()`);
}

describe.runIf(uiBuilt)('the editor header at 1280×720, end to end in Chromium', { timeout: 180_000 }, () => {
  let session: UiSession;
  let page: Page;
  let workflowId: string;

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 720 }, env: { ...ownerEnv } });
    page = session.page;
    const token = await loginAsOwner(session.server.url);
    const created = await fetch(`${session.server.url}/api/v3/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Quarterly supplier invoice reconciliation', steps: [{ id: 'count', type: 'transform', input: { expression: '{ "seen": true }' } }] }),
    });
    expect(created.status).toBe(201);
    workflowId = String(((await created.json()) as { id: string }).id);
    await signInInBrowser(page, session.server.url);
  }, 60_000);

  afterEach(async (context) => screenshotIfFailed(page, context.task));
  afterAll(async () => {
    await session?.close();
  });

  it('keeps the app bar and the editor toolbar on one row each, in both languages and themes', async () => {
    await page.goto(`${session.server.url}/workflows/${workflowId}`);
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    const seen: string[] = [];
    for (const lang of ['en', 'es'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.getByLabel(/^(Language|Idioma)$/).first().selectOption(lang);
        await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(lang);
        await page.waitForTimeout(50);
        await screenshot(page, `editor-header-${lang}-${theme}`);
        for (const [name, selector] of [['app bar', '.topbar'], ['app nav', '.topbar .nav'], ['editor toolbar', '.editor-toolbar']] as const) {
          const fit = await rowsOf(page, selector);
          seen.push(`${lang}/${theme} ${name}: ${fit.rows} row(s)${fit.overflow ? ', overflowing' : ''}`);
        }
      }
    }
    expect(seen.filter((line) => !line.endsWith(': 1 row(s)'))).toEqual([]);

    // Icon buttons still say what they do: an accessible name and a tooltip in the page's language.
    const undo = page.getByRole('button', { name: 'Deshacer' });
    expect(await undo.getAttribute('title')).toMatch(/^Deshacer/);
    expect(await page.getByRole('button', { name: /^Tema/ }).getAttribute('title')).toMatch(/^Tema/);
    await page.getByLabel('Idioma').first().selectOption('en');
    expect(await page.getByRole('button', { name: 'Redo' }).getAttribute('title')).toMatch(/^Redo/);
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
