// Notification outbox: deliveries per second to a local webhook receiver (a separate process), and
// the enqueue latency of one send (the rows committed, p50/p99), on SQLite and Postgres. The
// real runtime and the bundled webhook plugin: signed JSON POSTs over keep-alive HTTP.
// Bounded: BENCH_NOTIFY_COUNT deliveries (default 10,000), BENCH_NOTIFY_SENDS single sends (default 2,000).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { benchPostgres } from './lib/postgres.js';
import { percentile, report, type Row } from './lib/report.js';

const COUNT = Number(process.env.BENCH_NOTIFY_COUNT ?? 10_000);
const SENDS = Number(process.env.BENCH_NOTIFY_SENDS ?? 2_000);
/** Figures are for the shipped DWC_NOTIFY_CONCURRENCY; BENCH_NOTIFY_CONCURRENCY adds a tuned row beside them. */
const TUNED = process.env.BENCH_NOTIFY_CONCURRENCY;
/** `sqlite,postgres` by default; one of them to profile it alone (`node --cpu-prof --import tsx bench/notify.ts`). */
const DIALECTS = (process.env.BENCH_NOTIFY_DIALECTS ?? 'sqlite,postgres').split(',');
process.env.DWC_WEBHOOK_SIGNING_SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

/** A bare node:http receiver in its own process, answering 204; prints its port. */
async function startReceiver(): Promise<{ origin: string; stop(): void }> {
  const code = `const s=require('node:http').createServer((q,r)=>{q.resume();q.on('end',()=>r.writeHead(204).end())});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>console.log(s.address().port))`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(String(chunk).trim())));
  return { origin: `http://127.0.0.1:${port}`, stop: () => void child.kill() };
}

async function measure(dialect: 'sqlite' | 'postgres', receiver: string, databaseUrl: string | undefined, concurrency?: string): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-notify-'));
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl ?? '', DWC_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', ...(concurrency ? { DWC_NOTIFY_CONCURRENCY: concurrency } : {}) },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  // Workers off at start: rows are queued first, then the worker is started and timed.
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }), workers: false });
  try {
    const { service, outbox } = runtime.notify;
    const latencies: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const started = performance.now();
      await service.send({ channel: 'webhook', recipient: `${receiver}/one/${i}`, subject: 'Bench', message: 'one send', data: { i }, priority: 'normal' }, { actor: null });
      latencies.push(performance.now() - started);
    }
    const recipients = Array.from({ length: COUNT - SENDS }, (_, i) => `${receiver}/bulk/${i}`);
    for (let i = 0; i < recipients.length; i += 5_000) {
      await service.sendBulk({ channel: 'webhook', recipients: recipients.slice(i, i + 5_000), message: 'bulk', data: {}, priority: 'normal' }, { actor: null });
    }
    const started = performance.now();
    await runtime.notify.start();
    while ((await outbox.pendingCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const seconds = (performance.now() - started) / 1_000;
    const counts = await outbox.countByStatus();
    if (counts.delivered !== COUNT) throw new Error(`${dialect}: not all delivered: ${JSON.stringify(counts)}`);
    return {
      database: dialect, settings: concurrency ? `DWC_NOTIFY_CONCURRENCY=${concurrency}` : 'defaults', deliveries: COUNT, concurrency: config.notifyConcurrency, 'deliveries/s': Math.round(COUNT / seconds),
      'enqueue p50 ms': percentile(latencies, 50).toFixed(2), 'enqueue p99 ms': percentile(latencies, 99).toFixed(2),
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const receiver = await startReceiver();
const rows: Row[] = [];
try {
  if (DIALECTS.includes('sqlite')) {
    rows.push(await measure('sqlite', receiver.origin, undefined));
    if (TUNED) rows.push(await measure('sqlite', receiver.origin, undefined, TUNED));
  }
  if (DIALECTS.includes('postgres')) {
    const pg = await benchPostgres();
    try {
      rows.push(await measure('postgres', receiver.origin, await pg.createDatabase()));
      if (TUNED) rows.push(await measure('postgres', receiver.origin, await pg.createDatabase(), TUNED));
    } finally {
      await pg.stop();
    }
  }
} finally {
  receiver.stop();
}
report('notify', rows, { target: '>= 1,000 deliveries/s on SQLite', receiver: 'node:http in a separate process, 204 per POST' });
