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

/** The same chain shape with `transform` steps: the engine's own cost per step, for comparison. */
const baseline = {
  name: 'three transform steps',
  steps: [
    { id: 'outline', type: 'transform', input: { expression: '"Outline " & topic', data: '{{ input }}' } },
    { id: 'draft', type: 'transform', input: { expression: '"Draft " & t', data: { t: '{{ steps.outline.output.result }}' } } },
    { id: 'polish', type: 'transform', input: { expression: '"Polish " & t', data: { t: '{{ steps.draft.output.result }}' } } },
  ],
};

async function measure(label: string, databaseUrl: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-ai-'));
  process.env.SCRIPTED_AI_LATENCY_MS = String(LATENCY_MS);
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DWC_PLUGINS: './tests/fixtures/plugins/ai-scripted', DWC_AI_FALLBACK: 'scripted' },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }), cwd: repoRoot });
  try {
    const waiting = new Map<string, (type: string) => void>();
    runtime.events.on('execution.*', (event) => {
      if (event.type !== 'execution.started') waiting.get(event.payload.execution_id as string)?.(event.type);
    });
    const plain = await runSeries(runtime, waiting, baseline, 0);
    const ai = await runSeries(runtime, waiting, workflow, LATENCY_MS);
    const usage = await runtime.ai.usage.aggregate({ workflowId: ai.workflowId }, 'none');
    if (usage[0]?.calls !== (RUNS + 10) * STEPS) throw new Error(`expected ${(RUNS + 10) * STEPS} recorded AI calls, got ${usage[0]?.calls}`);
    const row = (steps: string, latency: number, series: { totals: number[]; overheads: number[] }, callMs?: number): Row => ({
      database: label,
      steps,
      runs: RUNS,
      'provider ms/step': latency,
      'recorded call ms (mean)': callMs ?? '-',
      'execution p50 ms': Number(median(series.totals).toFixed(1)),
      'overhead/step p50 ms': Number(median(series.overheads).toFixed(2)),
      'overhead/step p99 ms': Number(percentile(series.overheads, 99).toFixed(2)),
    });
    return [row('3 x transform (baseline)', 0, plain), row('3 x ai.generate', LATENCY_MS, ai, usage[0]!.avgLatencyMs)];
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the workflow RUNS times one after another (after 10 warm-up runs). */
async function runSeries(runtime: Runtime, waiting: Map<string, (type: string) => void>, definition: object, latencyMs: number) {
  const created = await runtime.workflows.create(parseWorkflowDefinition(definition));
  const overheads: number[] = [];
  const totals: number[] = [];
  {
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
      overheads.push((total - STEPS * latencyMs) / STEPS);
    }
  }
  return { workflowId: created.id, totals, overheads };
}

const rows: Row[] = await measure('sqlite', '');
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(...(await measure('postgres', await postgres.createDatabase())));
  } finally {
    await postgres.stop();
  }
}
report('ai-step', rows, {
  workflow: `${STEPS} chained ai.generate steps (scripted fixture provider, ${LATENCY_MS} ms per call, streaming tokens as ai.token events, usage rows recorded, last step stores a document)`,
  baseline: 'the same chain of transform steps, no AI: the engine cost per step without the AI service',
  overhead: '(execution wall time from start() to execution.succeeded - steps x provider latency) / steps; runs one at a time after 10 warm-up runs',
});
