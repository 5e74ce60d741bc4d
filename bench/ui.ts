// Web UI figures in headless Chromium (--disable-gpu) against a real server on SQLite: the gzip size
// of the first screen's JS, and opening a 500-step workflow in the editor (navigation to every step
// on screen, JS heap after it, frames per second while panning).
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/support/browser.js';
import { report, type Row } from './lib/report.js';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, TEST_OWNER } from './lib/server-process.js';

const dist = fileURLToPath(new URL('../ui/dist/', import.meta.url));
const STEPS = Number(process.env.BENCH_UI_STEPS ?? 500);

/** JS and CSS that index.html loads before anything else (lazy chunks excluded), gzipped. */
function firstScreenGzipKb(): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0) / 1024;
}

/** A workflow of `n` transform steps: mostly a chain, with a branch and a join every tenth step. */
function bigWorkflow(n: number) {
  const steps = Array.from({ length: n }, (_, i) => {
    const step: Record<string, unknown> = { id: `s${i}`, type: 'transform', input: { expression: `$ + ${i}`, data: i === 0 ? 1 : `{{ steps.s${i - 1}.output.result }}` } };
    if (i % 10 === 5 && i > 5) step.depends_on = [`s${i - 5}`];
    if (i % 10 === 6 && i > 6) step.depends_on = [`s${i - 1}`, `s${i - 2}`];
    return step;
  });
  return { name: `Bench ${n} steps`, steps };
}

const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-ui-'));
const server = await startServer({ DWC_DATA_DIR: join(dir, 'data'), ...ownerEnv, ...noRateLimitEnv });
const browser = await launchChromium();
try {
  const token = await loginAsOwner(server.url);
  const created = await fetch(`${server.url}/api/v3/workflows`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(bigWorkflow(STEPS)) });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('E-mail').fill(TEST_OWNER.email);
  await page.getByLabel('Password').fill(TEST_OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/workflows$/);

  const rows: Row[] = [];
  for (let round = 0; round < 3; round++) {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    const started = Date.now();
    await page.evaluate(`history.pushState({}, '', '/workflows/${id}'); dispatchEvent(new PopStateEvent('popstate'))`);
    await page.locator('.react-flow__node').nth(STEPS - 1).waitFor({ state: 'attached', timeout: 60_000 });
    const openMs = Date.now() - started;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const fps = (await page.evaluate(`new Promise((resolve) => {
      const pane = document.querySelector('.react-flow__pane');
      const box = pane.getBoundingClientRect();
      let frames = 0; const t0 = performance.now(); let x = box.left + box.width / 2;
      const down = new MouseEvent('mousedown', { bubbles: true, clientX: x, clientY: box.top + 200, button: 0 });
      pane.dispatchEvent(down);
      const tick = () => {
        frames++; x += 3;
        pane.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: box.top + 200, buttons: 1 }));
        if (performance.now() - t0 < 2000) requestAnimationFrame(tick);
        else { pane.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })); resolve(frames / ((performance.now() - t0) / 1000)); }
      };
      requestAnimationFrame(tick);
    })`)) as number;
    rows.push({ round: round + 1, steps: STEPS, open_ms: openMs, heap_mb: Math.round(heap.usedSize / 1e5) / 10, pan_fps: Math.round(fps) });
  }
  report('ui', rows, { first_screen_js_css_gzip_kb: Math.round(firstScreenGzipKb()), lazy_chunks: readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).length });
} finally {
  await browser.close();
  await stopServer(server.child);
  rmSync(dir, { recursive: true, force: true });
}
