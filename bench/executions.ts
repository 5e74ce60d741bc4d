// (a) Persisted executions per second for a 3-step workflow, on SQLite and Postgres, in one process.
// Target (issue 5): at least 1,000/s on SQLite on a 2-core machine; (issue 11) the same on Postgres.
// Each database first runs a warm-up of BENCH_EXECUTIONS_WARMUP (500) not measured.
// BENCH_SKIP_SQLITE=1 or BENCH_SKIP_POSTGRES=1 leaves that database out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { benchPostgres } from './lib/postgres.js';
import { report, type Row } from './lib/report.js';

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 3_000);
/** Run and waited for before measuring, so JIT, caches and connection pools are warm. */
const WARMUP = Number(process.env.BENCH_EXECUTIONS_WARMUP ?? 500);
/** Figures are for the shipped worker slots; BENCH_WORKERS adds a tuned row (DWC_WORKER_CONCURRENCY) beside them. */
const TUNED = process.env.BENCH_WORKERS;

const workflow = {
  name: 'three steps',
  steps: [
    { id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input }}' } },
    { id: 'title', type: 'transform', input: { expression: '$uppercase(t)', data: { t: '{{ input.title }}' } } },
    { id: 'summary', type: 'transform', input: { expression: 'title & " (" & $string(words) & " words)"', data: { title: '{{ steps.title.output.result }}', words: '{{ steps.count.output.result.words }}' } } },
  ],
};

async function measure(label: string, databaseUrl: string, workers?: string): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-exec-'));
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...(workers ? { DWC_WORKER_CONCURRENCY: workers } : {}) },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }) });
  try {
    const created = await runtime.workflows.create((await import('@dwc/runtime')).parseWorkflowDefinition(workflow));
    let finished = 0;
    let failed = 0;
    let target = 0;
    let resolveDone = () => {};
    runtime.events.on('execution.*', (event) => {
      if (event.type === 'execution.started') return;
      if (event.type !== 'execution.succeeded') failed++;
      if (++finished === target) resolveDone();
    });
    const input = { text: 'the quick brown fox jumps over the lazy dog', title: 'fox news' };
    /** Starts `count` executions, 100 at a time, and resolves when all have ended. */
    const run = async (count: number) => {
      if (count === 0) return;
      target = finished + count;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      for (let i = 0; i < count; i += 100) {
        await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => runtime.executions.start(created.id, input)));
      }
      await done;
    };
    await run(WARMUP);
    failed = 0;
    const started = performance.now();
    await run(EXECUTIONS);
    const seconds = (performance.now() - started) / 1000;
    const sample = (await runtime.executionStore.list({ workflowId: created.id, limit: 1 }))[0]!;
    const steps = await runtime.executionStore.allSteps(sample.id);
    if (sample.status !== 'succeeded' || steps.length !== 3) throw new Error(`bench run is wrong: ${JSON.stringify(sample)}`);
    return {
      database: label,
      settings: workers ? `DWC_WORKER_CONCURRENCY=${workers}` : 'defaults',
      executions: EXECUTIONS,
      failed,
      'seconds': Number(seconds.toFixed(2)),
      'executions/s': Math.round(EXECUTIONS / seconds),
      'step commits/s': Math.round((EXECUTIONS * 3) / seconds),
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
if (process.env.BENCH_SKIP_SQLITE !== '1') {
  rows.push(await measure('sqlite', ''));
  if (TUNED) rows.push(await measure('sqlite', '', TUNED));
}
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(await measure('postgres', await postgres.createDatabase()));
    if (TUNED) rows.push(await measure('postgres', await postgres.createDatabase(), TUNED));
  } finally {
    await postgres.stop();
  }
}
report('executions', rows, { target: { sqlite_executions_per_s: 1000, postgres_executions_per_s: 1000 }, workflow: '3 transform steps, every step committed before the next', warm_up: WARMUP });
