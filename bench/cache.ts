// Cache service: latency (p50/p99, µs) and ops/s of get-hit, get-miss and set, one call at a time,
// on the memory, file and redis (when REDIS_URL answers) backends. Values are ~1 KB JSON, like an
// AI response. Bounded: BENCH_CACHE_OPS operations per measure (default 10,000; 5,000 on file).
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createCacheStore, type CacheConfig, type CacheStore } from '@dwc/runtime';
import { percentile, report, type Row } from './lib/report.js';

const OPS = Number(process.env.BENCH_CACHE_OPS ?? 10_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const value = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  text: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(16),
  usage: { input_tokens: 412, output_tokens: 230 },
  finish_reason: 'stop',
};

async function time(ops: number, op: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; opsPerSec: number }> {
  const latencies = new Array<number>(ops);
  const started = performance.now();
  for (let i = 0; i < ops; i++) {
    const t = performance.now();
    await op(i);
    latencies[i] = (performance.now() - t) * 1_000;
  }
  const seconds = (performance.now() - started) / 1_000;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), opsPerSec: ops / seconds };
}

async function measure(backend: CacheConfig['cacheBackend'], ops: number, config: Partial<CacheConfig> = {}): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-cache-'));
  const store: CacheStore = await createCacheStore(
    { cacheBackend: backend, cacheMaxBytes: 256 * 1024 ** 2, cacheTtlMs: 0, cacheDir: join(dir, 'cache'), cachePrefix: `dwc-bench:${process.pid}:`, redisUrl: undefined, ...config },
    { logger: createLogger({ level: 'warn' }), dataDir: dir },
  );
  try {
    const rows: Row[] = [];
    const row = (op: string, r: Awaited<ReturnType<typeof time>>): Row => ({
      backend, op, ops, 'p50 µs': r.p50.toFixed(1), 'p99 µs': r.p99.toFixed(1), 'ops/s': Math.round(r.opsPerSec),
    });
    await time(Math.min(ops, 1_000), (i) => store.set(`warm:${i}`, value)); // JIT and connection warm-up
    rows.push(row('set', await time(ops, (i) => store.set(`ai:${i}`, value, 600_000))));
    rows.push(row('get-hit', await time(ops, (i) => store.get(`ai:${i}`))));
    rows.push(row('get-miss', await time(ops, (i) => store.get(`absent:${i}`))));
    const stats = await store.stats();
    if (stats.hits !== ops || stats.misses !== ops) throw new Error(`${backend}: expected ${ops} hits and misses, got ${JSON.stringify(stats)}`);
    return rows;
  } finally {
    await store.clear();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(String(data).startsWith('+PONG')));
  });
}

const rows = [...(await measure('memory', OPS)), ...(await measure('file', Math.min(OPS, 5_000)))];
const redis = await redisAnswers(REDIS_URL);
if (redis) rows.push(...(await measure('redis', OPS, { redisUrl: REDIS_URL })));
else console.log(`cache bench: redis skipped, nothing answers at ${REDIS_URL}`);
report('cache', rows, { value_bytes: Buffer.byteLength(JSON.stringify(value)), redis: redis ? 'measured' : 'skipped (no answer)' });
