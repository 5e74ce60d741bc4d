// Scheduler: 10,000 schedules firing every minute, on SQLite and Postgres. Each occurrence writes
// its run row and a queued execution of a one-step workflow, which the process's workers (shipped
// defaults, started with the scheduler) then run, as on a real server. Fire delay = run's fired time minus its planned time; duplicates = (schedule,
// planned time) pairs with more than one execution; misses = occurrences expected but not run.
// Bounded: BENCH_SCHEDULES (10,000) schedules, BENCH_SCHEDULER_OCCURRENCES (2) minutes each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { benchPostgres } from './lib/postgres.js';
import { percentile, report, type Row } from './lib/report.js';

const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 10_000);
const OCCURRENCES = Number(process.env.BENCH_SCHEDULER_OCCURRENCES ?? 2);
const PERIOD_S = 60;

async function measure(dialect: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-scheduler-'));
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl ?? '' },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  // Nothing starts by itself: the schedules are all laid out first, then workers and scheduler start together.
  const runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }), workers: false });
  try {
    const workflow = await runtime.workflows.create({ name: 'bench', steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }] });
    // All on one one-minute grid (anchored an hour ago); the scheduler is not started yet. Once all
    // exist, the grid's first point at least 5 s ahead becomes every schedule's next occurrence:
    // all 10,000 are due in the same second, the hardest burst, then every minute on the same grid.
    const anchor = (Math.floor(Date.now() / 1_000) - 3_600) * 1_000;
    for (let n = 0; n < SCHEDULES; n += 20) {
      await Promise.all(Array.from({ length: Math.min(20, SCHEDULES - n) }, (_, i) =>
        runtime.scheduler.create('interval', { name: `bench ${n + i}`, interval_seconds: PERIOD_S, start_at: new Date(anchor).toISOString(), workflow_id: workflow.id, missed_runs: 'all', missed_runs_cap: 10 })));
    }
    const first = anchor + Math.ceil((Date.now() + 5_000 - anchor) / (PERIOD_S * 1_000)) * PERIOD_S * 1_000;
    await runtime.database.dataSource.query(`UPDATE schedules SET next_run_at = ${first}, due_at = ${first}`);
    runtime.workers.start();
    runtime.scheduler.start();
    // When the whole first burst was committed (the fired times are taken as each batch's claim starts).
    let burstDoneMs = Number.NaN;
    await new Promise((resolve) => setTimeout(resolve, first - Date.now()));
    while (Number.isNaN(burstDoneMs) && Date.now() < first + 30_000) {
      const [row] = await runtime.database.dataSource.query('SELECT COUNT(*) AS n FROM schedule_runs') as { n: string | number }[];
      if (Number(row!.n) >= SCHEDULES) burstDoneMs = Date.now() - first;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = first + (OCCURRENCES - 1) * PERIOD_S * 1_000;
    await new Promise((resolve) => setTimeout(resolve, last - Date.now() + 10_000));
    await runtime.scheduler.stop();

    const sql = runtime.database.dialect === 'postgres' ? "trigger->>'schedule_id', trigger->>'planned_at'" : "json_extract(trigger, '$.schedule_id'), json_extract(trigger, '$.planned_at')";
    const pairs = await runtime.database.dataSource.query(`SELECT COUNT(*) AS n FROM executions GROUP BY ${sql}`) as { n: string | number }[];
    const duplicates = pairs.filter((p) => Number(p.n) > 1).length;
    const runs = await runtime.database.dataSource.query('SELECT fired_at - planned_at AS d FROM schedule_runs') as { d: string | number }[];
    const delays = runs.map((r) => Number(r.d));
    const expected = SCHEDULES * OCCURRENCES;
    return {
      database: dialect, schedules: SCHEDULES, occurrences: expected, fired: pairs.length,
      'delay p50 ms': percentile(delays, 50), 'delay p99 ms': percentile(delays, 99), 'delay max ms': Math.max(...delays), 'burst committed ms': burstDoneMs,
      duplicates, misses: expected - pairs.length,
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [await measure('sqlite', undefined)];
const pg = await benchPostgres();
try {
  rows.push(await measure('postgres', await pg.createDatabase()));
} finally {
  await pg.stop();
}
report('scheduler', rows, { targets: { 'delay p99 ms': '< 1000', duplicates: 0, misses: 0 }, note: 'every schedule due in the same second; fired time is taken when its claim batch (500 schedules) starts' });
