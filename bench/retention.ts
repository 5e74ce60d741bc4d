// Database size after a long run of executions, with retention on and off, on SQLite, in one run.
// Retention keeps the newest BENCH_RETENTION_KEEP executions (a small count, so a short run shows
// it); without it every execution stays. The pruner runs every second while executions are written.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig, parseWorkflowDefinition, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { report, type Row } from './lib/report.js';

const EXECUTIONS = Number(process.env.BENCH_RETENTION_EXECUTIONS ?? 20_000);
const KEEP = Number(process.env.BENCH_RETENTION_KEEP ?? 2_000);
const ROUND = 500;

const workflow = {
  name: 'one transform',
  steps: [{ id: 'shape', type: 'transform', input: { expression: '{ "title": $uppercase(title), "text": text }', data: '{{ input }}' } }],
};
const input = { title: 'retention', text: 'a paragraph of text that every execution keeps as its input and output. '.repeat(8) };

const mb = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));

async function measure(label: string, retention: { days: string; count: string }): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-retention-'));
  const config = loadConfig({
    env: {
      DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn',
      DWC_EXECUTION_RETENTION_DAYS: retention.days, DWC_EXECUTION_RETENTION_COUNT: retention.count, DWC_EXECUTION_PRUNE_INTERVAL_MS: '1000',
    },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }) });
  const file = join(dir, 'data', 'dwc.sqlite');
  const size = async () => {
    await runtime.database.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    return statSync(file).size;
  };
  try {
    const created = await runtime.workflows.create(parseWorkflowDefinition(workflow));
    let finished = 0;
    let failed = 0;
    let roundDone: (() => void) | undefined;
    let roundTarget = 0;
    runtime.events.on('execution.*', (event) => {
      if (event.type === 'execution.started') return;
      if (event.type !== 'execution.succeeded') failed++;
      if (++finished === roundTarget) roundDone?.();
    });
    const started = performance.now();
    let largest = 0;
    for (let i = 0; i < EXECUTIONS; i += ROUND) {
      roundTarget = Math.min(EXECUTIONS, i + ROUND);
      const done = new Promise<void>((resolve) => (roundDone = resolve));
      await Promise.all(Array.from({ length: roundTarget - i }, () => runtime.executions.start(created.id, input)));
      await done;
      if ((i / ROUND) % 8 === 7) largest = Math.max(largest, await size());
    }
    const seconds = (performance.now() - started) / 1000;
    // One last pass, as the next interval would make, before measuring.
    await runtime.pruner.pruneOnce();
    const final = await size();
    const kept = (await runtime.database.dataSource.query('SELECT COUNT(*) AS n FROM executions'))[0].n as number;
    return {
      retention: label,
      executions: EXECUTIONS,
      failed,
      'executions/s': Math.round(EXECUTIONS / seconds),
      'kept': Number(kept),
      'largest MB (sampled)': mb(Math.max(largest, final)),
      'final MB': mb(final),
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [
  await measure('off', { days: '0', count: '0' }),
  await measure(`newest ${KEEP}`, { days: '14', count: String(KEEP) }),
];
report('retention', rows, {
  database: 'sqlite',
  note: 'Same workload twice in one run: every execution persisted; with retention the pruner removes finished executions past the newest KEEP every second in batches of 200, and gives the pages back (incremental vacuum).',
  keep: KEEP,
});
