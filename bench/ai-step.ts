// Engine overhead per AI step: a 3-step ai.generate chain against the scripted fixture provider
// with a fixed latency; overhead = (execution wall time - 3 x provider latency) / 3, per run, run
// one after another so the figures are latencies, not throughput. SQLite, then Postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, createRuntime, loadConfig, parseWorkflowDefinition, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { benchPostgres } from './lib/postgres.js';
import { median, percentile, report, type Row } from './lib/report.js';

const RUNS = Number(process.env.BENCH_AI_RUNS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_AI_LATENCY_MS ?? 20);
const STEPS = 3;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const workflow = {
  name: 'three AI steps',
  steps: [
    { id: 'outline', type: 'ai.generate', input: { prompt: 'Outline {{ input.topic }}', temperature: 0.7 } },
    { id: 'draft', type: 'ai.generate', input: { prompt: 'Draft from {{ steps.outline.output.text }}', temperature: 0.7 } },
    { id: 'polish', type: 'ai.generate', input: { prompt: 'Polish {{ steps.draft.output.text }}', temperature: 0.7, document: { title: '{{ input.topic }}' } } },
  ],
};

async function measure(label: string, databaseUrl: string): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-ai-'));
  process.env.SCRIPTED_AI_LATENCY_MS = String(LATENCY_MS);
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, DWC_WORKER_CONCURRENCY: '4', LOG_LEVEL: 'warn', DWC_PLUGINS: './tests/fixtures/plugins/ai-scripted', DWC_AI_FALLBACK: 'scripted' },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }), cwd: repoRoot });
  try {
    const created = await runtime.workflows.create(parseWorkflowDefinition(workflow));
    const waiting = new Map<string, (type: string) => void>();
    runtime.events.on('execution.*', (event) => {
      if (event.type !== 'execution.started') waiting.get(event.payload.execution_id as string)?.(event.type);
    });
    const overheads: number[] = [];
    const totals: number[] = [];
    for (let i = 0; i < RUNS + 10; i++) {
      const started = performance.now();
      let ended!: (type: string) => void;
      const done = new Promise<string>((resolve) => (ended = resolve));
      const execution = await runtime.executions.start(created.id, { topic: `topic ${i}` });
      waiting.set(execution.id, ended);
      const type = await done;
      waiting.delete(execution.id);
      if (type !== 'execution.succeeded') throw new Error(`bench run ended ${type}: ${JSON.stringify(await runtime.executions.get(execution.id))}`);
      const total = performance.now() - started;
      if (i < 10) continue; // warm-up
      totals.push(total);
      overheads.push((total - STEPS * LATENCY_MS) / STEPS);
    }
    const usage = await runtime.ai.usage.aggregate({ workflowId: created.id }, 'none');
    if (usage[0]?.calls !== (RUNS + 10) * STEPS) throw new Error(`expected ${(RUNS + 10) * STEPS} recorded AI calls, got ${usage[0]?.calls}`);
    return {
      database: label,
      runs: RUNS,
      'provider ms/step': LATENCY_MS,
      'execution p50 ms': Number(median(totals).toFixed(1)),
      'overhead/step p50 ms': Number(median(overheads).toFixed(2)),
      'overhead/step p99 ms': Number(percentile(overheads, 99).toFixed(2)),
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [await measure('sqlite', '')];
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(await measure('postgres', await postgres.createDatabase()));
  } finally {
    await postgres.stop();
  }
}
report('ai-step', rows, {
  workflow: `${STEPS} chained ai.generate steps (scripted fixture provider, ${LATENCY_MS} ms per call, streaming tokens as ai.token events, usage rows recorded, last step stores a document)`,
  overhead: '(execution wall time from start() to execution.succeeded - steps x provider latency) / steps; runs one at a time after 10 warm-up runs',
});
