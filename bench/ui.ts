// Web UI figures in headless Chromium (--disable-gpu) against a real server on SQLite: the gzip size
// of the first screen's JS; opening a 500-step workflow in the editor (navigation to every step on
// screen, JS heap after it, frames per second while panning); frames per second while ~1,000
// `ai.token` events/s stream into a run view (a real ai.generate step on a fake OpenAI streaming
// over a socket); the first page of the execution list over 100,000 executions (seeded straight into
// the database); a keystroke in the largest schema form the UI draws (the ai.generate step input):
// wall time to the main thread free again (at the mercy of the machine's load), and the main
// thread's CPU time from a trace, which other processes on the machine do not inflate.
// Every setting is the shipped default but the rate limits (each round reloads the page, which
// trades the refresh cookie at /api/v3/auth/refresh: DWC_RATE_LIMIT_AUTH=0) and
// DWC_AI_TOKEN_COALESCE_MS=0. By default the server coalesces streamed tokens into one `ai.token`
// event per 30 ms (about 33 events/s whatever the model's pace); the load of 1,000
// events/s exists only with coalescing off, so this is a harder load than the defaults give, and
// the row says so. BENCH_UI_ROUNDS (3) rounds of every figure.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createLogger, createRuntime, loadConfig } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import type { Page } from 'playwright-core';
import { OPENAI_FAKE_KEY, startFakeOpenAi } from '../tests/support/fake-vendors/openai.js';
import { launchChromium } from '../tests/e2e/support/browser.js';
import { median, percentile, report, type Row } from './lib/report.js';
import { seedExecutions } from './lib/seed-executions.js';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from './lib/server-process.js';
import { keystrokeCpu, type KeystrokeCpu } from './lib/keystroke-trace.js';
import { countFps, navigateUntil, panFps, readKeystrokes, recordKeystrokes } from './lib/ui-page-measures.js';
import { signInInBrowser } from '../tests/e2e/support/sign-in.js';

const dist = fileURLToPath(new URL('../ui/dist/', import.meta.url));
const STEPS = Number(process.env.BENCH_UI_STEPS ?? 500);
const EXECUTIONS = Number(process.env.BENCH_UI_EXECUTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_UI_ROUNDS ?? 3);
const STREAM_TOKENS = 9_000;

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

/** 50 workflows and `EXECUTIONS` executions written into the SQLite database the server will open. */
async function seed(dataDir: string): Promise<number> {
  const config = loadConfig({ env: { DWC_DATA_DIR: dataDir, DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '0', LOG_LEVEL: 'warn' }, cwd: dataDir, defaults: { pluginsDir: bundledPluginsDir } });
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }) });
  try {
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await runtime.workflows.create({ name: `w${i}`, trigger: { type: 'manual' }, steps: [{ id: 's', type: 'transform', input: { expression: '$' }, concurrency: 4, continue_on_error: false }] })).id);
    await seedExecutions(runtime, ids, EXECUTIONS, Date.now());
    return (performance.now() - started) / 1000;
  } finally {
    await runtime.close();
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const stats = (values: number[], digits = 0) => ({ median: round(median(values), digits), best: round(Math.min(...values), digits), worst: round(Math.max(...values), digits) });
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-ui-'));
const seedSeconds = await seed(join(dir, 'data'));
const ai = await startFakeOpenAi();
ai.reply = 'tok '.repeat(STREAM_TOKENS);
ai.tokenDelayMs = Number(process.env.BENCH_UI_TOKEN_DELAY_MS ?? 1);
const server = await startServer({
  DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, DWC_RATE_LIMIT_AUTH: '0',
  OPENAI_API_KEY: OPENAI_FAKE_KEY, OPENAI_BASE_URL: `${ai.url}/v1`, DWC_AI_FALLBACK: 'openai', DWC_AI_TOKEN_COALESCE_MS: '0',
});
const browser = await launchChromium();
const loadBefore = load();
/** `ai.token` events the page has received over its WebSocket. */
let aiTokens = 0;
try {
  const token = await loginAsOwner(server.url);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    if (response.status >= 300 && response.status !== 202) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const big = await post('/api/v3/workflows', bigWorkflow(STEPS));
  const streaming = await post('/api/v3/workflows', { name: 'Bench stream', steps: [{ id: 'pause', type: 'delay', input: { duration_ms: 2000 } }, { id: 'generate', type: 'ai.generate', input: { prompt: 'Write at length about {{ input.topic }}.' } }] });

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload === 'string' && payload.includes('"ai.token"')) aiTokens++;
  }));
  await signInInBrowser(page, server.url);
  /** A full load of the workflow list: a cold query cache, the lazy chunks in the HTTP cache. */
  const fresh = async () => {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  };

  const open: number[] = [], heap: number[] = [], pan: number[] = [], list: number[] = [], streamFps: number[] = [], tokensPerS: number[] = [], keyWork: number[] = [], keyFrame: number[] = [], keyInputCpu: number[] = [], keyTotalCpu: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await fresh();
    open.push((await page.evaluate(navigateUntil(`/workflows/${big.id}`, `.react-flow__node[data-id="s${STEPS - 1}"]`))) as number);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    heap.push(((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6);
    await cdp.detach();
    pan.push((await page.evaluate(panFps(2000))) as number);

    await fresh();
    list.push((await page.evaluate(navigateUntil('/runs', '.vbody [role="row"]'))) as number);

    await fresh();
    // A new topic each round, or the AI cache would answer at once.
    const execution = await post(`/api/v3/workflows/${streaming.id}/execute`, { topic: `round ${i}` });
    await page.evaluate(navigateUntil(`/runs/${execution.id}`, '[data-testid="ai-stream"]'));
    const before = aiTokens;
    const started = performance.now();
    streamFps.push((await page.evaluate(countFps(3000))) as number);
    tokensPerS.push(((aiTokens - before) * 1000) / (performance.now() - started));

    await fresh();
    const typed = await keystrokes(page);
    keyWork.push(...typed.work);
    keyFrame.push(...typed.frame);
    keyInputCpu.push(...typed.cpu.map((k) => k.input));
    keyTotalCpu.push(...typed.cpu.map((k) => k.total));
  }

  const keystroke = (values: number[]) => ({ median: round(median(values), 1), best: round(Math.min(...values), 1), worst: round(percentile(values, 95), 1) });
  const rows: Row[] = [
    { figure: `open a ${STEPS}-step workflow, to every step on screen`, unit: 'ms', ...stats(open), target: '< 1500' },
    { figure: 'JS heap after opening it', unit: 'MB', ...stats(heap, 1), target: '< 150' },
    { figure: 'panning it', unit: 'fps', ...stats(pan), target: '>= 30' },
    { figure: `run view while ai.token streams in (${Math.round(median(tokensPerS))} events/s, DWC_AI_TOKEN_COALESCE_MS=0)`, unit: 'fps', ...stats(streamFps), target: '>= 30' },
    { figure: `execution list over ${EXECUTIONS.toLocaleString('en')}, to the first rows`, unit: 'ms', ...stats(list), target: '< 300' },
    { figure: 'keystroke in the ai.generate form: wall time to the main thread free (worst = p95)', unit: 'ms', ...keystroke(keyWork), target: '< 16' },
    { figure: 'keystroke: main-thread CPU of its input task (worst = p95)', unit: 'ms', ...keystroke(keyInputCpu), target: '< 16' },
    { figure: 'keystroke: main-thread CPU until the next key, frames included (worst = p95)', unit: 'ms', ...keystroke(keyTotalCpu), target: '-' },
    { figure: 'keystroke to the next frame (worst = p95)', unit: 'ms', ...keystroke(keyFrame), target: '-' },
  ];
  const loadAfter = load();
  const gzipKb = Math.round(firstScreenGzipKb());
  report('ui', rows, { rounds: ROUNDS, first_screen_js_css_gzip_kb: gzipKb, first_screen_target_kb: 250, lazy_chunks: readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).length, ai_token_events_per_s: tokensPerS.map(Math.round), seed_seconds: Math.round(seedSeconds), keystrokes: keyWork.length, load_average_before: loadBefore, load_average_after: loadAfter });
  console.log(`first screen JS+CSS gzip: ${gzipKb} KB (target <= 250); load average before ${loadBefore}, after ${loadAfter}`);
} finally {
  await browser.close();
  await stopServer(server.child);
  await ai.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Types into the prompt of a new ai.generate step (the largest input schema of the bundled
 * actions): once timed in the page (wall time), then once more under a Chromium trace for the main
 * thread's CPU time per keystroke (tracing slows the page, so the wall figures come from the first).
 */
async function keystrokes(page: Page): Promise<{ work: number[]; frame: number[]; cpu: KeystrokeCpu[] }> {
  await page.evaluate(navigateUntil('/workflows/new', '.palette'));
  await page.getByRole('button', { name: 'Add step ai.generate' }).click();
  await page.getByRole('textbox', { name: /^prompt/ }).click();
  await page.evaluate(recordKeystrokes);
  await page.keyboard.type('Summarise the quarterly report for the board', { delay: 40 });
  const timed = (await page.evaluate(readKeystrokes)) as { work: number[]; frame: number[] };
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await page.keyboard.type(' and the auditors, in plain words', { delay: 40 });
  const trace = await browser.stopTracing();
  return { ...timed, cpu: keystrokeCpu(JSON.parse(trace.toString('utf8')) as Parameters<typeof keystrokeCpu>[0]) };
}
