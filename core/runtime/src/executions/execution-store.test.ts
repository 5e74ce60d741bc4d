import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from './test-support/engine-harness.js';

describe('runs held without a job row (SQLite)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine('sqlite', { autoStart: false });
  });
  afterAll(() => engine.stop());

  it('writes no job for a run started at once, and a restart queues every unfinished top-level execution that has none', async () => {
    const workflow = await engine.createWorkflow({ name: 'held here', steps: [{ id: 'echo', type: 'test.echo', input: {} }] });
    const store = engine.executionStore;
    const fields = { workflowId: workflow.id, version: workflow.version, input: {} };
    const held = await store.create({ ...fields, claim: { lease: false, workerId: 'w1' } });
    expect(held.job).toMatchObject({ id: held.id, kind: 'execution', status: 'running', lockedBy: 'w1', lockedUntil: null });
    expect(await engine.jobs.get(held.id)).toBeUndefined();
    const child = await store.create({ ...fields, parentExecutionId: held.id, parentStepId: 'call', enqueue: false });
    const queued = await store.create(fields);
    const ended = await store.create({ ...fields, claim: { lease: false, workerId: 'w1' } });
    await store.finish(ended.id, 'w1', { status: 'succeeded', output: {} }, undefined, undefined, [], false);

    expect(await store.queueUnfinished()).toBe(1);
    expect(await engine.jobs.get(held.id)).toMatchObject({ kind: 'execution', status: 'queued', payload: { execution_id: held.id } });
    // A child is resumed by its parent; the others already have a job or have ended.
    expect(await engine.jobs.get(child.id)).toBeUndefined();
    expect(await engine.jobs.get(ended.id)).toBeUndefined();
    expect((await engine.jobs.get(queued.id))!.status).toBe('queued');
    expect(await store.queueUnfinished()).toBe(0);
    expect((await engine.jobs.claim('w2', 10, 30_000)).map((job) => job.id).sort()).toEqual([held.id, queued.id].sort());
  });
});
