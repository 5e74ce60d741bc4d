// Metrics (issue 15), measured in one run:
// (a) cost of metrics on the webhook round trip: the same server with DWC_METRICS_ENABLED on and
//     off, alternated (off, on, on, off) so machine noise hits both, on SQLite and on Postgres;
//     target <= 3% fewer req/s;
// (b) a scrape of /metrics holding 10,000 series, rendered by the prometheus exporter; target < 50 ms;
// (c) the analytics summary (time_range=month) over 1,000,000 stored executions, SQLite and
//     Postgres, rows inserted with set-based SQL, after the hourly rollup's backfill (timed too,
//     as a server does it at start); target < 500 ms.
// BENCH_METRICS_PARTS=a,b,c runs only some of them (all by default).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { analyticsInsights, analyticsSummary, createLogger, openDatabase, rollUpHours, sqlClientOf } from '@dwc/runtime';
import { renderPrometheus } from '@dwc/plugin-exporter-prometheus';
import { createMetricRegistry } from '../core/runtime/src/metrics/metric-registry.js';
import { SECONDS_BUCKETS } from '../core/runtime/src/metrics/histogram-math.js';
import { seedExecutions } from '../tests/support/seed-executions.js';
import { benchPostgres } from './lib/postgres.js';
import { median, report, type Row } from './lib/report.js';
import { noRateLimitEnv, startServer, stopServer } from './lib/server-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = 50;
const EXECUTIONS = Number(process.env.BENCH_METRICS_EXECUTIONS ?? 1_000_000);
const TOKEN = 'bench-token-bench-token-bench-token';
const body = JSON.stringify({ text: 'the quick brown fox jumps over the lazy dog' });
const rows: Row[] = [];
const parts = new Set((process.env.BENCH_METRICS_PARTS ?? 'a,b,c').split(','));
const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-metrics-'));

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Requests per second, and the server's CPU ms per request (less sensitive than req/s to other
 * processes on a shared machine). `databaseUrl` '' for SQLite.
 */
async function webhookRps(metrics: boolean, round: number, databaseUrl: string): Promise<{ rps: number; cpuMs: number }> {
  const dwc = await startServer({
    DWC_DATA_DIR: join(dir, `webhook-${metrics}-${round}-${databaseUrl === '' ? 'sqlite' : 'postgres'}`), DATABASE_URL: databaseUrl, DWC_API_TOKEN: TOKEN, ...noRateLimitEnv, LOG_LEVEL: 'warn',
    DWC_METRICS_ENABLED: String(metrics),
  });
  try {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const workflow = (await (await fetch(`${dwc.url}/api/v3/workflows`, {
      method: 'POST', headers,
      body: JSON.stringify({ name: 'webhook', steps: [
        { id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input }}' } },
        { id: 'shout', type: 'transform', input: { expression: '$string(words)', data: { words: '{{ steps.count.output.result.words }}' } } },
      ] }),
    })).json()) as { id: string };
    const options = { url: `${dwc.url}/api/v3/workflows/${workflow.id}/execute?wait=true`, method: 'POST' as const, body, headers, connections: CONNECTIONS };
    await autocannon({ ...options, duration: 2 });
    const cpuBefore = cpuSeconds(dwc.child.pid!);
    const result = await autocannon({ ...options, duration: DURATION_S });
    const cpuMs = ((cpuSeconds(dwc.child.pid!) - cpuBefore) * 1000) / result.requests.total;
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`webhook (metrics ${metrics}, ${databaseUrl === '' ? 'sqlite' : 'postgres'}): ${result.non2xx} non-2xx, ${result.errors} errors; server said: ${dwc.output().slice(-2_000)}`);
    return { rps: result.requests.average, cpuMs };
  } finally {
    await stopServer(dwc.child);
  }
}

try {
  if (parts.has('a')) {
    const postgres = await benchPostgres();
    try {
      for (const dialect of ['sqlite', 'postgres'] as const) {
        const runs = { off: [] as { rps: number; cpuMs: number }[], on: [] as { rps: number; cpuMs: number }[] };
        for (let round = 0; round < 2; round++) {
          const url = async () => (dialect === 'postgres' ? await postgres.createDatabase() : '');
          // off, on, then on, off: neither setting always runs second.
          for (const metrics of round === 0 ? [false, true] : [true, false]) (metrics ? runs.on : runs.off).push(await webhookRps(metrics, round, await url()));
        }
        const off = median(runs.off.map((r) => r.rps));
        const on = median(runs.on.map((r) => r.rps));
        const cpuOff = median(runs.off.map((r) => r.cpuMs));
        const cpuOn = median(runs.on.map((r) => r.cpuMs));
        rows.push({ measure: `webhook req/s, ${dialect}, metrics off (median of 2)`, value: Math.round(off), target: '' });
        rows.push({ measure: `webhook req/s, ${dialect}, metrics on (median of 2)`, value: Math.round(on), target: '' });
        rows.push({ measure: `req/s lost to metrics, ${dialect}`, value: `${(((off - on) / off) * 100).toFixed(1)}%`, target: '<= 3%' });
        rows.push({ measure: `server CPU ms per request, ${dialect}, metrics off / on`, value: `${cpuOff.toFixed(2)} / ${cpuOn.toFixed(2)} (${(((cpuOn - cpuOff) / cpuOff) * 100).toFixed(1)}%)`, target: '' });
      }
    } finally {
      await postgres.stop();
    }
  }

  if (parts.has('b')) {
    const registry = createMetricRegistry({ maxSeries: 20_000 });
    const requests = registry.counter({ name: 'dwc_http_requests_total', help: 'x', labelNames: ['method', 'route', 'status'], trustedLabels: true });
    const latency = registry.histogram({ name: 'dwc_http_request_duration_seconds', help: 'x', labelNames: ['route'], buckets: SECONDS_BUCKETS, trustedLabels: true });
    for (let i = 0; i < 9_500; i++) requests.inc(['GET', `/api/v3/route-${i}`, '200'], i);
    // 500 histogram series add 500 x 17 lines (buckets, sum, count).
    for (let i = 0; i < 500; i++) latency.observe([`/api/v3/route-${i}`], (i % 100) / 100);
    const scrapes: number[] = [];
    let bytes = 0;
    const scrapeCpu: number[] = [];
    for (let i = 0; i < 30; i++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      bytes = (await renderPrometheus(registry.snapshot())).body.length;
      scrapes.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      scrapeCpu.push((used.user + used.system) / 1000);
    }
    rows.push({ measure: `scrape of 10,000 series (${Math.round(bytes / 1024)} KiB), median ms`, value: median(scrapes.slice(5)).toFixed(1), target: '< 50 ms' });
    rows.push({ measure: 'scrape of 10,000 series, CPU ms (median)', value: median(scrapeCpu.slice(5)).toFixed(1), target: '' });
  }

  if (parts.has('c')) {
    const logger = createLogger({ level: 'warn' });
    const postgres = await benchPostgres();
    try {
      for (const dialect of ['sqlite', 'postgres'] as const) {
        const database = await openDatabase({ databaseUrl: dialect === 'postgres' ? await postgres.createDatabase() : undefined, dataDir: join(dir, 'summary'), logger });
        try {
          await database.migrate();
          const sql = sqlClientOf(database);
          const now = Date.now();
          const seeded = performance.now();
          await seedExecutions(sql, { total: EXECUTIONS, from: now - 60 * 86_400_000, to: now, workflows: 50, perStatement: 5_000 });
          if (dialect === 'postgres') await sql.run('ANALYZE executions');
          const seedS = (performance.now() - seeded) / 1000;
          const backfilled = performance.now();
          const hours = await rollUpHours(sql, now);
          rows.push({ measure: `hourly rollup backfill of ${EXECUTIONS.toLocaleString('en')} executions (${hours} hours), ${dialect}, s`, value: ((performance.now() - backfilled) / 1000).toFixed(1), target: '' });
          const times: number[] = [];
          for (let i = 0; i < 5; i++) {
            const started = performance.now();
            const summary = await analyticsSummary(sql, 'month', now);
            times.push(performance.now() - started);
            if ((summary.executions.value ?? 0) + (summary.executions.previous ?? 0) < EXECUTIONS * 0.99) throw new Error(`summary saw ${JSON.stringify(summary.executions)}`);
          }
          rows.push({ measure: `summary (month) over ${EXECUTIONS.toLocaleString('en')} executions, ${dialect}, median ms (seeded in ${seedS.toFixed(1)} s)`, value: median(times).toFixed(0), target: '< 500 ms' });
          const insightTimes: number[] = [];
          for (let i = 0; i < 3; i++) {
            const started = performance.now();
            await analyticsInsights(sql, 'month', now);
            insightTimes.push(performance.now() - started);
          }
          rows.push({ measure: `insights (month), ${dialect}, median ms`, value: median(insightTimes).toFixed(0), target: '' });
        } finally {
          await database.close();
        }
      }
    } finally {
      await postgres.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

report('metrics', rows, { load_average: loadavg().map((n) => n.toFixed(2)).join(' '), connections: CONNECTIONS, duration_s: DURATION_S, executions: EXECUTIONS, note: 'measured on a shared, loaded machine: compare within this run' });
