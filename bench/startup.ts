// Cold start to the first 200 from GET /health, and RSS after start, on SQLite and Postgres.
// Target (issue 11, tightening issue 2's 1.5 s and 150 MB): under 1 s and under 100 MB RSS on a
// 2-core machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPostgres } from './lib/postgres.js';
import { median, report, type Row } from './lib/report.js';
import { rssMb, startServer, stopServer, unbundledCliPath } from './lib/server-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SETTLE_MS = 500;
const TARGET = { startMs: 1000, rssMb: 100 };

/** `cli`: the shipped bundled `dwc` by default; `unbundledCliPath` for the figures from before the bundle. */
async function measure(label: string, envFor: () => Promise<Record<string, string>>, cli?: string): Promise<Row> {
  const first: number[] = [];
  const warm: number[] = [];
  const firstCpu: number[] = [];
  const warmCpu: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const env = await envFor();
    for (const [bucket, cpu] of [[first, firstCpu], [warm, warmCpu]] as const) {
      const server = await startServer(env, cli === undefined ? {} : { cli });
      bucket.push(server.startMs);
      cpu.push(server.cpuMs);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      rss.push(rssMb(server.child.pid!));
      await stopServer(server.child);
    }
  }
  return {
    database: label,
    'first start ms (median)': Math.round(median(first)),
    'first start ms (max)': Math.round(Math.max(...first)),
    'first start CPU ms (median)': Math.round(median(firstCpu)),
    'warm start ms (median)': Math.round(median(warm)),
    'warm start ms (max)': Math.round(Math.max(...warm)),
    'warm start CPU ms (median)': Math.round(median(warmCpu)),
    'RSS MB (max)': Math.round(Math.max(...rss)),
    'meets target': Math.max(...first, ...warm) < TARGET.startMs && Math.max(...rss) < TARGET.rssMb ? 'yes' : 'NO',
  };
}

const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
const dirs: string[] = [];
const rows: Row[] = [];
const sqliteEnv = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-'));
  dirs.push(dir);
  return { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_API_TOKEN: 'bench-token-bench-token-bench' };
};
rows.push(await measure('sqlite', sqliteEnv), await measure('sqlite, unbundled dist (before the bundle)', sqliteEnv, unbundledCliPath));
const postgres = await benchPostgres();
try {
  const postgresEnv = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-'));
    dirs.push(dir);
    return { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: await postgres.createDatabase(), DWC_API_TOKEN: 'bench-token-bench-token-bench' };
  };
  rows.push(await measure('postgres', postgresEnv), await measure('postgres, unbundled dist (before the bundle)', postgresEnv, unbundledCliPath));
} finally {
  await postgres.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
report('startup', rows, {
  runs: RUNS,
  target: TARGET,
  load_average: { before: loadBefore, after: loadavg().map((l) => l.toFixed(2)).join(' ') },
  note: 'the server as npm start runs it: apps/server/bin/dwc.js, the bundle (scripts/bundle.mjs); first start = empty database, migrations applied; warm = same data again; start CPU ms = user + system CPU of the server process (all threads, from /proc) up to the first 200 from /health, steady where wall time on a loaded machine is not',
});
