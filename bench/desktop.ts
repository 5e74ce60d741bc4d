// The desktop app's embedded server: cold start (process spawn to the first 200 from /health with
// the per-launch secret) in a fresh user-data folder on SQLite, and idle RSS after it settles, as
// the desktop main process starts it. Beside it, in the same run, the headless server on SQLite.
// Targets (issue 16): under 1 s and under 150 MB.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report, type Row } from './lib/report.js';
import { cpuMs, rssMb, startServer, stopServer } from './lib/server-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = 2_000;
const TARGET = { startMs: 1000, rssMb: 150 };
const child = fileURLToPath(new URL('./lib/desktop-server-child.mjs', import.meta.url));

async function startDesktop(userData: string, code: 'bundle' | 'dist' = 'bundle'): Promise<{ startMs: number; cpuMs: number; stop: () => Promise<number | null>; pid: number }> {
  const started = performance.now();
  const proc = spawn(process.execPath, [child, userData, code], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<{ url: string; secret: string }>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line) as { url: string; secret: string });
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk));
    proc.once('exit', (code) => reject(new Error(`desktop server exited with ${code}: ${output}`)));
  });
  const { url, secret } = await ready;
  const health = await fetch(`${url}/health`, { headers: { 'x-dwc-desktop-secret': secret } });
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
  const startMs = performance.now() - started;
  return { startMs, cpuMs: cpuMs(proc.pid!), pid: proc.pid!, stop: () => stopServer(proc) };
}

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-desktop-'));
  dirs.push(dir);
  return dir;
};

async function measure(label: string, start: () => Promise<{ startMs: number; cpuMs: number; pid: number; stop: () => Promise<unknown> }>): Promise<Row> {
  const times: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const server = await start();
    times.push(server.startMs);
    cpu.push(server.cpuMs);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    rss.push(rssMb(server.pid));
    await server.stop();
  }
  return {
    server: label,
    'cold start ms (median)': Math.round(median(times)),
    'cold start ms (max)': Math.round(Math.max(...times)),
    'start CPU ms (median)': Math.round(median(cpu)),
    'start CPU ms (max)': Math.round(Math.max(...cpu)),
    'idle RSS MB (median)': Math.round(median(rss)),
    'idle RSS MB (max)': Math.round(Math.max(...rss)),
    'meets target': Math.max(...times) < TARGET.startMs && Math.max(...rss) < TARGET.rssMb ? 'yes' : 'NO',
  };
}

try {
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  const rows = [
    await measure('desktop (embedded, fresh user data)', () => startDesktop(fresh())),
    await measure('desktop, unbundled dist (before the bundle)', () => startDesktop(fresh(), 'dist')),
    await measure('headless dwc serve (fresh SQLite)', async () => {
      const server = await startServer({ DWC_DATA_DIR: join(fresh(), 'data'), DATABASE_URL: '', DWC_API_TOKEN: 'bench-token-bench-token-bench' });
      return { startMs: server.startMs, cpuMs: server.cpuMs, pid: server.child.pid!, stop: () => stopServer(server.child) };
    }),
  ];
  report('desktop', rows, {
    runs: RUNS,
    target: TARGET,
    load_average: { before: loadBefore, after: loadavg().map((l) => l.toFixed(2)).join(' ') },
    note: 'start CPU ms: user + system CPU of the server process (all threads, from /proc) up to the first 200 from /health (the machine may be loaded; this is not); each start in a fresh folder (migrations applied, first owner created); both as plain node processes on the built packages; RSS after 2 s idle',
  });
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
