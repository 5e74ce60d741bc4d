// Engine CPU per execution: `startAndWait` of the webhook benchmark's 2-step transform workflow, in
// one process, 50 in flight, every execution persisted. Measures the main thread's CPU (user +
// system) per execution, i.e. what the engine adds to each `execute?wait=true` request.
// Target (issue 5): at most 200 µs per execution on SQLite.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig, parseWorkflowDefinition, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { benchPostgres } from './lib/postgres.js';
import { report, type Row } from './lib/report.js';

const EXECUTIONS = Number(process.env.BENCH_ENGINE_EXECUTIONS ?? 20_000);
const WARMUP = Number(process.env.BENCH_ENGINE_WARMUP ?? 3_000);
const IN_FLIGHT = 50;

const workflow = {
  name: 'webhook',
  steps: [
    { id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input }}' } },
    { id: 'summary', type: 'transform', input: { expression: '$uppercase(title) & " (" & $string(words) & " words)"', data: { title: '{{ input.title }}', words: '{{ steps.count.output.result.words }}' } } },
  ],
};
const input = { text: 'the quick brown fox jumps over the lazy dog', title: 'fox news' };

/** CPU µs of this process's main thread alone (no GC helpers or thread pool), from /proc; NaN elsewhere. */
function mainThreadCpuUs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

/** Runs `count` executions with IN_FLIGHT waiting at any time. */
async function drive(runtime: Runtime, workflowId: string, count: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const result = await runtime.executions.startAndWait(workflowId, input, {}, 30_000);
      if (result.status !== 'succeeded') throw new Error(`execution ended ${result.status}: ${JSON.stringify(result.error)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

async function measure(label: string, databaseUrl: string, executions: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-engine-'));
  const config = loadConfig({
    env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    cwd: dir,
    defaults: { pluginsDir: bundledPluginsDir },
  });
  const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'warn' }) });
  try {
    const created = await runtime.workflows.create(parseWorkflowDefinition(workflow));
    await drive(runtime, created.id, WARMUP);
    const cpu = process.cpuUsage();
    const mainCpu = mainThreadCpuUs();
    const started = performance.now();
    await drive(runtime, created.id, executions);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const mainUsed = mainThreadCpuUs() - mainCpu;
    const sample = (await runtime.executionStore.list({ workflowId: created.id, limit: 1 }))[0]!;
    const steps = await runtime.executionStore.allSteps(sample.id);
    if (sample.status !== 'succeeded' || steps.length !== 2) throw new Error(`bench run is wrong: ${JSON.stringify(sample)}`);
    return {
      database: label,
      executions,
      'CPU µs/execution': Math.round((used.user + used.system) / executions),
      'main thread µs': Math.round(mainUsed / executions),
      'user µs': Math.round(used.user / executions),
      'system µs': Math.round(used.system / executions),
      'executions/s': Math.round(executions / seconds),
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [await measure('sqlite', '', EXECUTIONS)];
if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  const postgres = await benchPostgres();
  try {
    rows.push(await measure('postgres', await postgres.createDatabase(), Math.round(EXECUTIONS / 4)));
  } finally {
    await postgres.stop();
  }
}
report('engine-cpu', rows, { in_flight: IN_FLIGHT, warmup: WARMUP, target: { sqlite_cpu_us_per_execution: 200 }, workflow: '2 transform steps (bench/webhook.ts), startAndWait' });
