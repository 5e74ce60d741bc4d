// (b) Webhook-style round trip: POST -> 2 transform steps -> JSON response, every execution
// persisted, with autocannon at 50 connections, beside a bare node:http server, a bare Express 5
// route and Node-RED 5 (which persists nothing) doing the same transform, all in this one run, on
// Node 20 (the running Node) and Node 24. dwc runs on its shipped defaults; beside it on Node 20,
// waiting runs through the worker slots (DWC_WAITING_RUN_CONCURRENCY=0) and the settings shipped
// before issue 11 (that, with 8 worker slots). Targets (issue 11): p99 under 25 ms with the
// defaults, at least 60% of bare Express 5 on Node 20, at least Node-RED's throughput on Node 24;
// idle RSS under 100 MB, under 250 MB at 50 connections.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchNode24 } from './lib/node24.js';
import { report, type Row } from './lib/report.js';
import { sampleRss } from './lib/rss-sampler.js';
import { freePort, noRateLimitEnv, rssMb, startServer, stopServer } from './lib/server-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
const SETTLE_MS = 1_000;
const TARGET = { p99Ms: 25, vsExpressNode20: 0.6, vsNodeRed: 1, idleRssMb: 100, loadRssMb: 250 };
const TOKEN = 'bench-token-bench-token-bench-token';
const body = JSON.stringify({ text: 'the quick brown fox jumps over the lazy dog', title: 'fox news' });
const expected = { result: 'FOX NEWS (9 words)' };

interface Measured {
  server: string;
  node: string;
  rps: number;
  p50: number;
  p99: number;
  idleRss: number;
  loadRss: number;
  persisted?: number;
}

interface Target {
  url: string;
  pid: number;
  headers?: Record<string, string>;
  stop(): Promise<unknown>;
}

async function load(target: Target) {
  const options = { url: target.url, method: 'POST' as const, body, headers: { 'content-type': 'application/json', ...target.headers }, connections: CONNECTIONS };
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const idleRss = rssMb(target.pid);
  const rss = sampleRss(target.pid);
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration: DURATION_S });
  const loadRss = rss.stop();
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, idleRss, loadRss };
}

async function checkAnswer(target: Target): Promise<void> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body });
  const answer = (await response.json()) as { status?: string; output?: unknown };
  const output = 'output' in answer ? answer.output : answer;
  if (JSON.stringify(output) !== JSON.stringify(expected)) throw new Error(`${target.url}: wrong answer ${JSON.stringify(answer)}`);
}

function waitForReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function bare(kind: 'node' | 'express', node: string): Promise<Target> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./lib/bare-server.ts', import.meta.url)), [kind, String(port)], { execPath: node, execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  await waitForReady(child, `bare ${kind} server`);
  return { url: `http://127.0.0.1:${port}/hook`, pid: child.pid!, stop: () => stopChild(child) };
}

async function nodeRed(node: string, nodeRedScript: string, flow: string): Promise<Target> {
  const userDir = mkdtempSync(join(tmpdir(), 'dwc-bench-node-red-'));
  copyFileSync(flow, join(userDir, 'flows.json'));
  const port = await freePort();
  const child = spawn(node, [nodeRedScript, '--userDir', userDir, '--port', String(port), '--no-telemetry', '-D', 'logging.console.level=warn', 'flows.json'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/hook`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`Node-RED exited with ${child.exitCode}`);
    const status = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (tries > 600) throw new Error('Node-RED did not serve /hook within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, pid: child.pid!, stop: async () => (await stopChild(child), rmSync(userDir, { recursive: true, force: true })) };
}

async function dwc(node: string, env: Record<string, string>): Promise<Target & { persisted(): Promise<number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-webhook-'));
  mkdirSync(join(dir, 'data'));
  const server = await startServer({ DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_API_TOKEN: TOKEN, ...noRateLimitEnv, LOG_LEVEL: 'warn', ...env }, { node });
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const workflow = (await (await fetch(`${server.url}/api/v3/workflows`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'webhook',
      steps: [
        { id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input }}' } },
        { id: 'summary', type: 'transform', input: { expression: '$uppercase(title) & " (" & $string(words) & " words)"', data: { title: '{{ input.title }}', words: '{{ steps.count.output.result.words }}' } } },
      ],
    }),
  })).json()) as { id: string };
  return {
    url: `${server.url}/api/v3/workflows/${workflow.id}/execute?wait=true`,
    pid: server.child.pid!,
    headers: { authorization: `Bearer ${TOKEN}` },
    async persisted() {
      const analytics = (await (await fetch(`${server.url}/api/v3/workflows/${workflow.id}/analytics`, { headers })).json()) as { by_status: Record<string, number> };
      return analytics.by_status.succeeded ?? 0;
    },
    stop: async () => (await stopServer(server.child), rmSync(dir, { recursive: true, force: true })),
  };
}

async function measure(server: string, node: string, start: () => Promise<Target & { persisted?(): Promise<number> }>): Promise<Measured> {
  const target = await start();
  try {
    await checkAnswer(target);
    const figures = await load(target);
    return { server, node, ...figures, persisted: await target.persisted?.() };
  } finally {
    await target.stop();
  }
}

const node20 = process.execPath;
const node24 = benchNode24();
const v20 = process.version;
const v24 = node24.version;
const onlyDwc = Boolean(process.env.BENCH_ONLY_DWC);
const measured: Measured[] = [];
for (const [version, node] of [[v20, node20], [v24, node24.node]] as const) {
  if (!onlyDwc) {
    measured.push(await measure('bare node:http', version, () => bare('node', node)));
    measured.push(await measure('bare Express 5', version, () => bare('express', node)));
  }
  if (version === v24 && !onlyDwc) measured.push(await measure('Node-RED 5 (persists nothing)', version, () => nodeRed(node, node24.nodeRed, node24.flow)));
  measured.push(await measure('dwc, defaults', version, () => dwc(node, {})));
  if (version !== v20 || process.env.BENCH_SKIP_COMPARE) continue;
  measured.push(await measure('dwc, DWC_WAITING_RUN_CONCURRENCY=0', version, () => dwc(node, { DWC_WAITING_RUN_CONCURRENCY: '0' })));
  // How runs a caller waits for ran before issue 11: through 8 worker slots, queueing past them.
  measured.push(await measure('dwc, before issue 11 (8 worker slots, no waiting lane)', version, () => dwc(node, { DWC_WORKER_CONCURRENCY: '8', DWC_WAITING_RUN_CONCURRENCY: '0' })));
}

const baseline = (server: string, node: string) => measured.find((m) => m.server.startsWith(server) && m.node === node)?.rps;
const ratio = (rps: number, of: number | undefined) => (of ? `${(rps / of).toFixed(2)}x` : '-');
const rows: Row[] = measured.map((m) => ({
  server: m.server,
  node: m.node,
  'req/s': Math.round(m.rps),
  'p50 ms': m.p50,
  'p99 ms': m.p99,
  'idle RSS MB': Math.round(m.idleRss),
  'RSS under load MB': Math.round(m.loadRss),
  'vs Express 5': ratio(m.rps, baseline('bare Express 5', m.node)),
  'vs Node-RED': ratio(m.rps, baseline('Node-RED', m.node)),
  persisted: m.persisted ?? '-',
}));
const dwcDefaults20 = measured.find((m) => m.server === 'dwc, defaults' && m.node === v20)!;
const dwcDefaults24 = measured.find((m) => m.server === 'dwc, defaults' && m.node === v24)!;
const express20 = baseline('bare Express 5', v20);
const red24 = baseline('Node-RED', v24);
const meets = {
  p99: dwcDefaults20.p99 < TARGET.p99Ms && dwcDefaults24.p99 < TARGET.p99Ms,
  vs_express_node20: express20 ? dwcDefaults20.rps / express20 >= TARGET.vsExpressNode20 : undefined,
  vs_node_red_node24: red24 ? dwcDefaults24.rps / red24 >= TARGET.vsNodeRed : undefined,
  idle_rss: dwcDefaults20.idleRss < TARGET.idleRssMb && dwcDefaults24.idleRss < TARGET.idleRssMb,
  load_rss: dwcDefaults20.loadRss < TARGET.loadRssMb && dwcDefaults24.loadRss < TARGET.loadRssMb,
};
report('webhook', rows, { connections: CONNECTIONS, duration_s: DURATION_S, target: TARGET, meets, note: 'measured on a shared machine: compare rows of one run, not runs' });
console.log(`targets met: ${JSON.stringify(meets)}`);
