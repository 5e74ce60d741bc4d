import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir } from '@dwc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { ownerEnv } from '../bench/lib/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-sched-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (): Promise<Runtime> =>
  createRuntime({
    config: loadConfig({ env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '2', DWC_SCHEDULER_POLL_MS: '200', ...ownerEnv }, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } }),
    logger: createLogger({ level: 'silent' }),
  });

describe('a workflow schedule across a restart (SQLite)', () => {
  it('is still there after the restart and makes up the occurrences missed while down, each once', async () => {
    let runtime = await open();
    const workflow = await runtime.workflows.create({ name: 'scheduled', steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }] });
    runtime.events.emit('workflow.trigger_changed', {
      workflow_id: workflow.id, active: true, trigger: { type: 'schedule', kind: 'interval', interval_seconds: 1, missed_runs: 'all', missed_runs_cap: 100 },
    });
    let schedule;
    while (!(schedule = (await runtime.scheduler.list({ workflowId: workflow.id, limit: 1 })).items[0])) await sleep(20);
    await sleep(1_500);
    await runtime.close();
    await sleep(3_000);

    runtime = await open();
    try {
      expect(await runtime.scheduler.get(schedule.id)).toMatchObject({ status: 'active', source: 'workflow' });
      await sleep(1_500);
      const runs = (await runtime.scheduler.history(schedule.id, { limit: 500 })).items.map((r) => r.plannedAt).sort((a, b) => a - b);
      expect(runs.length).toBeGreaterThanOrEqual(5);
      expect(runs.slice(1).map((t, i) => t - runs[i]!)).toEqual(runs.slice(1).map(() => 1_000));
      const executions = await runtime.executionQueries.list({ workflowId: workflow.id, limit: 500 });
      expect(executions.items).toHaveLength(runs.length);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
