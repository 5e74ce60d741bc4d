// (issue 13, bench a) A webhook trigger's round trip: `POST /webhook/bench` (no bearer token, the
// core webhook route) -> the same two JSONata transforms as bench/webhook.ts -> `respond:
// when_finished` answers with the output, every execution persisted; autocannon at 50
// connections, beside a bare node:http server and a bare Express 5 route doing the same
// transforms, all in this one run. Target: at least 90% of the bare Express 5 route's throughput.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { report, type Row } from './lib/report.js';
import { cpuMs, freePort, loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from './lib/server-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
const body = JSON.stringify({ text: 'the quick brown fox jumps over the lazy dog', title: 'fox news' });

/** Loads `url`; besides req/s and latency, the server's CPU ms per request (steadier than req/s on a shared machine). */
async function load(url: string, pid: number) {
  const options = { url, method: 'POST' as const, body, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS };
  await autocannon({ ...options, duration: 2 });
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const cpuPerRequest = (cpuMs(pid) - cpuBefore) / result.requests.total;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, cpuPerRequest };
}

async function bare(kind: 'node' | 'express'): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./lib/bare-server.ts', import.meta.url)), [kind, String(port)], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare ${kind} server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/hook` };
}

const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
for (const kind of ['node', 'express'] as const) {
  const server = await bare(kind);
  try {
    results[kind] = await load(server.url, server.child.pid!);
  } finally {
    server.child.kill('SIGTERM');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-webhook-trigger-'));
const dwc = await startServer({ DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, LOG_LEVEL: 'warn' });
let persisted = 0;
try {
  const headers = { authorization: `Bearer ${await loginAsOwner(dwc.url)}`, 'content-type': 'application/json' };
  const created = await fetch(`${dwc.url}/api/v3/workflows`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'webhook trigger bench',
      trigger: { type: 'webhook', path: 'bench', method: 'POST', respond: 'when_finished', timeout_ms: 30_000 },
      steps: [
        { id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input.body }}' } },
        { id: 'summary', type: 'transform', input: { expression: '$uppercase(title) & " (" & $string(words) & " words)"', data: { title: '{{ input.body.title }}', words: '{{ steps.count.output.result.words }}' } } },
      ],
    }),
  });
  const workflow = (await created.json()) as { id: string };
  if (!created.ok) throw new Error(`create: ${JSON.stringify(workflow)}`);
  const activated = await fetch(`${dwc.url}/api/v3/workflows/${workflow.id}`, { method: 'PATCH', headers, body: JSON.stringify({ active: true }) });
  if (!activated.ok) throw new Error(`activate: ${await activated.text()}`);
  const check = await (await fetch(`${dwc.url}/webhook/bench`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  if (check !== '{"result":"FOX NEWS (9 words)"}') throw new Error(`wrong answer: ${check}`);
  results.dwc = await load(`${dwc.url}/webhook/bench`, dwc.child.pid!);
  const analytics = (await (await fetch(`${dwc.url}/api/v3/workflows/${workflow.id}/analytics`, { headers })).json()) as { by_status: Record<string, number> };
  persisted = analytics.by_status.succeeded ?? 0;
} finally {
  await stopServer(dwc.child);
  rmSync(dir, { recursive: true, force: true });
}

const express = results.express!.rps;
const node = results.node!.rps;
const rows: Row[] = Object.entries(results).map(([name, r]) => ({
  server: name === 'dwc' ? 'dwc (POST /webhook/bench, when_finished, persisted)' : name === 'node' ? 'bare node:http' : 'bare Express 5',
  'req/s': Math.round(r.rps),
  'p50 ms': r.p50,
  'p99 ms': r.p99,
  'vs Express 5': `${Math.round((r.rps / express) * 100)}%`,
  'vs node:http': `${Math.round((r.rps / node) * 100)}%`,
  'server CPU ms/req': r.cpuPerRequest.toFixed(3),
}));
report('webhook-trigger', rows, { connections: CONNECTIONS, duration_s: DURATION_S, dwc_executions_persisted: persisted, target: { vs_express: 0.9 } });
