// Metrics (issue 15), measured in one run:
// (a) cost of metrics on the webhook round trip: two servers, DWC_METRICS_ENABLED off and on, side by
//     side, taking the load in turns in 1 s slices (see webhookCost), on SQLite and on Postgres;
//     target <= 3% fewer req/s;
// (b) a scrape of /metrics holding 10,000 series, rendered by the prometheus exporter; target < 50 ms;
// (c) the analytics summary (time_range=month) over 1,000,000 stored executions, SQLite and
//     Postgres, rows inserted with set-based SQL, after the hourly rollup's backfill (timed too,
//     as a server does it at start); target < 500 ms.
// BENCH_METRICS_PARTS=a,b,c runs only some of them (all by default); BENCH_METRICS_DIALECTS=postgres runs (a) on one.
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
import { metricHooksCostUs } from './lib/metric-hooks-cost.js';
import { median, report, type Row } from './lib/report.js';
import { noRateLimitEnv, startServer, stopServer, type ServerProcess } from './lib/server-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 24);
/** Part (a): ROUNDS fresh pairs of servers, each taking PAIRS slices of SLICE_S of load per setting (DURATION_S in all). */
const SLICE_S = 1;
const ROUNDS = 4;
const PAIRS = Math.max(2, Math.round(DURATION_S / SLICE_S / ROUNDS));
const CONNECTIONS = 50;
const EXECUTIONS = Number(process.env.BENCH_METRICS_EXECUTIONS ?? 1_000_000);
const TOKEN = 'bench-token-bench-token-bench-token';
const body = JSON.stringify({ text: 'the quick brown fox jumps over the lazy dog' });
const rows: Row[] = [];
const parts = new Set((process.env.BENCH_METRICS_PARTS ?? 'a,b,c').split(','));
/** Part (a) on these only (BENCH_METRICS_DIALECTS=postgres, say); both by default. */
const dialects = (['sqlite', 'postgres'] as const).filter((d) => (process.env.BENCH_METRICS_DIALECTS ?? 'sqlite,postgres').split(',').includes(d));
const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-metrics-'));

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface WebhookServer {
  metrics: boolean;
  dwc: ServerProcess;
  options: autocannon.Options;
}

/** What one slice of load on one server did. */
interface Slice {
  requests: number;
  seconds: number;
  cpuSeconds: number;
}

/** A server with metrics on or off and the two-step webhook workflow, warmed up. `databaseUrl` '' for SQLite. */
async function webhookServer(metrics: boolean, databaseUrl: string): Promise<WebhookServer> {
  const dwc = await startServer({
    DWC_DATA_DIR: join(dir, `webhook-${metrics}-${databaseUrl === '' ? 'sqlite' : 'postgres'}`), DATABASE_URL: databaseUrl, DWC_API_TOKEN: TOKEN, ...noRateLimitEnv, LOG_LEVEL: 'warn',
    DWC_METRICS_ENABLED: String(metrics),
  });
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
  return { metrics, dwc, options };
}

/** `seconds` of load on one server: requests answered, and the server's CPU seconds meanwhile. */
async function slice(server: WebhookServer, seconds: number, dialect: string): Promise<Slice> {
  const cpuBefore = cpuSeconds(server.dwc.child.pid!);
  const result = await autocannon({ ...server.options, duration: seconds });
  const cpu = cpuSeconds(server.dwc.child.pid!) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`webhook (metrics ${server.metrics}, ${dialect}): ${result.non2xx} non-2xx, ${result.errors} errors; server said: ${server.dwc.output().slice(-2_000)}`);
  return { requests: result.requests.total, seconds: result.duration, cpuSeconds: cpu };
}

const sum = (slices: Slice[], field: keyof Slice) => slices.reduce((n, s) => n + s[field], 0);
const rpsOf = (slices: Slice[]) => sum(slices, 'requests') / sum(slices, 'seconds');
const cpuMsOf = (slices: Slice[]) => (sum(slices, 'cpuSeconds') * 1000) / sum(slices, 'requests');

/**
 * The webhook round trip with metrics off and on. In each of ROUNDS rounds a fresh pair of servers (started in turns)
 * runs side by side and takes the load in turns, in short slices ordered off on, on off, on off,
 * off on, ... (Thue-Morse: neither setting always goes first): whatever else the shared machine and
 * Postgres do falls on both alike, each adjacent off/on pair gives one ratio, and the median of the
 * ratios shrugs off a burst of other work. Fresh processes each round, since two processes of the
 * same build can differ by several percent for their whole life. Besides req/s, the server's CPU ms
 * per request (less sensitive to other processes). BENCH_METRICS_AA=1 runs metrics off on both
 * sides: the noise floor of this measure on this machine.
 */
async function webhookCost(databaseUrl: () => Promise<string>, dialect: string) {
  const pairs: { off: Slice; on: Slice }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Which server starts (and gets its database) first alternates too: on a loaded machine the second often ran slower.
    const onSetting = process.env.BENCH_METRICS_AA !== '1';
    const [off, on] = round % 2 === 0
      ? [await webhookServer(false, await databaseUrl()), await webhookServer(onSetting, await databaseUrl())]
      : await webhookServer(onSetting, await databaseUrl()).then(async (first) => [await webhookServer(false, await databaseUrl()), first] as const);
    try {
      for (let i = 0; i < PAIRS; i++) {
        const n = round * PAIRS + i;
        if ((n.toString(2).split('1').length - 1) % 2 === 1) {
          const first = await slice(on, SLICE_S, dialect);
          pairs.push({ on: first, off: await slice(off, SLICE_S, dialect) });
        } else {
          const first = await slice(off, SLICE_S, dialect);
          pairs.push({ off: first, on: await slice(on, SLICE_S, dialect) });
        }
      }
    } finally {
      await Promise.all([stopServer(off.dwc.child), stopServer(on.dwc.child)]);
    }
  }
  const offs = pairs.map((p) => p.off);
  const ons = pairs.map((p) => p.on);
  return {
    rps: { off: rpsOf(offs), on: rpsOf(ons) },
    cpuMs: { off: cpuMsOf(offs), on: cpuMsOf(ons) },
    /** Median over the pairs of the share of req/s lost, and of the CPU per request added. */
    rpsLost: median(pairs.map((p) => 1 - rpsOf([p.on]) / rpsOf([p.off]))),
    cpuAdded: median(pairs.map((p) => cpuMsOf([p.on]) / cpuMsOf([p.off]) - 1)),
  };
}

try {
  if (parts.has('a')) {
    const hooksUs = metricHooksCostUs();
    const postgres = await benchPostgres();
    try {
      for (const dialect of dialects) {
        const cost = await webhookCost(async () => (dialect === 'postgres' ? await postgres.createDatabase() : ''), dialect);
        const load = `${ROUNDS} server pairs x ${PAIRS} x ${SLICE_S} s${process.env.BENCH_METRICS_AA === '1' ? '; AA control: metrics off on both sides' : ''}`;
        const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
        rows.push({ measure: `webhook req/s, ${dialect}, metrics off / on (${load} each)`, value: `${Math.round(cost.rps.off)} / ${Math.round(cost.rps.on)}`, target: '' });
        rows.push({ measure: `req/s lost to metrics, ${dialect}, median of ${ROUNDS * PAIRS} adjacent off/on pairs (all slices: ${percent(1 - cost.rps.on / cost.rps.off)})`, value: percent(cost.rpsLost), target: '<= 3%' });
        rows.push({ measure: `server CPU ms per request, ${dialect}, metrics off / on`, value: `${cost.cpuMs.off.toFixed(3)} / ${cost.cpuMs.on.toFixed(3)}`, target: '' });
        rows.push({ measure: `server CPU per request added by metrics, ${dialect}, median of pairs (all slices: ${percent(cost.cpuMs.on / cost.cpuMs.off - 1)})`, value: percent(cost.cpuAdded), target: '' });
        rows.push({ measure: `metrics hooks' CPU per round trip (in process, ${hooksUs.toFixed(1)} µs) over server CPU per request with metrics off, ${dialect}`, value: percent(hooksUs / 1000 / cost.cpuMs.off), target: '' });
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

report('metrics', rows, { aa_control: process.env.BENCH_METRICS_AA === '1', load_average: loadavg().map((n) => n.toFixed(2)).join(' '), connections: CONNECTIONS, duration_s: DURATION_S, executions: EXECUTIONS, note: 'measured on a shared, loaded machine: compare within this run' });
