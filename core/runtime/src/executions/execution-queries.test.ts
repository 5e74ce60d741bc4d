import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../storage/sql-client.js';
import { createExecutionQueries } from './execution-queries.js';
import { createExecutionStore, type ExecutionStore } from './execution-store.js';
import type { StepRecord } from './execution-types.js';
import { startEngine, type Engine } from './test-support/engine-harness.js';

describe.each(['sqlite', 'postgres'] as const)('execution queries on %s', (dialect) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine(dialect, { autoStart: false });
  });
  afterAll(() => engine.stop());

  it('never answers an ended execution with its steps as they were before it ended, when the run ends between the reads', async () => {
    const workflow = await engine.createWorkflow({ name: 'ends between the reads', steps: [
      { id: 'pause', type: 'wait.until', input: { duration_ms: 10 } },
      { id: 'after', type: 'test.echo', input: {} },
    ] });
    const store = engine.executionStore;
    const claim = { lease: true as const, workerId: 'w1', leaseMs: 60_000 };
    const { id } = await store.create({ workflowId: workflow.id, version: workflow.version, input: {}, claim });
    const startedAt = new Date();
    await store.startStep(id, 'pause', -1, {}, 1, startedAt, 'waiting');
    const ref = (stepId: string) => ({ executionId: id, workflowId: workflow.id, stepId, itemIndex: -1, input: {}, attempts: 1, startedAt });

    // The run's end as the runner commits it: the wait step's result, then the execution's end
    // with its final step's result. It lands after any steps read already under way.
    let stepsRead: Promise<StepRecord[]> | undefined;
    const endsBetweenTheReads: ExecutionStore = {
      ...store,
      steps: (...args) => (stepsRead = store.steps(...args)),
      async get(executionId) {
        await null;
        await stepsRead;
        await store.finishStep(ref('pause'), { status: 'succeeded', output: { resumed_at: 'now' } });
        await store.finish(id, claim.workerId, { status: 'succeeded', output: {} }, startedAt, new Date(), [store.prepareStep(ref('after'), { status: 'succeeded', output: {} })]);
        return store.get(executionId);
      },
    };
    const queries = createExecutionQueries({ executions: endsBetweenTheReads, workflows: engine.workflows });

    const read = await queries.withSteps(id, { limit: 100, offset: 0 });
    expect(read.status).toBe('succeeded');
    expect(Object.fromEntries(read.steps.map((step) => [step.stepId, step.status]))).toEqual({ pause: 'succeeded', after: 'succeeded' });
  });

  it("answers each workflow's newest execution in one query, and leaves out workflows that never ran", async () => {
    const [busy, once, never] = await Promise.all(['busy', 'ran once', 'never ran'].map((name) => engine.createWorkflow({ name, steps: [{ id: 'a', type: 'test.echo', input: {} }] })));
    const store = engine.executionStore;
    const claim = { lease: true as const, workerId: 'w-latest', leaseMs: 60_000 };
    const first = await store.create({ workflowId: busy!.id, version: 1, input: {}, claim });
    await store.finish(first.id, claim.workerId, { status: 'failed', error: { code: 'x', message: 'x' } });
    const onlyRun = await store.create({ workflowId: once!.id, version: 1, input: {}, claim });
    await store.finish(onlyRun.id, claim.workerId, { status: 'succeeded', output: {} });
    await store.create({ workflowId: busy!.id, version: 1, input: {}, enqueue: false });
    await sleep(2); // ids made in the same millisecond sort randomly
    const newest = await store.create({ workflowId: busy!.id, version: 1, input: {}, enqueue: false });
    await store.markRunning(newest.id);

    const statements: string[] = [];
    const counting = new Proxy(engine.sql, {
      get: (target, key: keyof SqlClient) => (key === 'all' ? (...args: Parameters<SqlClient['all']>) => (statements.push(args[0]), target.all(...args)) : target[key]),
    });
    const queries = createExecutionQueries({ executions: createExecutionStore(counting, engine.jobs), workflows: engine.workflows });
    const latest = await queries.latestOfWorkflows([busy!.id, once!.id, never!.id, busy!.id]);

    expect(statements).toHaveLength(1);
    expect([...latest.keys()].sort()).toEqual([busy!.id, once!.id].sort());
    expect(latest.get(busy!.id)).toMatchObject({ id: newest.id, workflowId: busy!.id, status: 'running', finishedAt: null });
    expect(latest.get(busy!.id)!.startedAt).toBeInstanceOf(Date);
    expect(latest.get(once!.id)).toMatchObject({ id: onlyRun.id, status: 'succeeded' });
    expect(latest.get(once!.id)!.finishedAt).toBeInstanceOf(Date);
    expect((await queries.latestOfWorkflows([])).size).toBe(0);
  });
});
