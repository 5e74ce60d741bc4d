import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calls, startEngine, type Engine } from './test-support/engine-harness.js';

const chain = (...steps: object[]) => ({ name: 'test', steps });

describe.each(['sqlite', 'postgres'] as const)('execution engine on %s', (dialect) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine(dialect);
  });
  afterAll(() => engine.stop());
  const key = (name: string) => `${dialect}:${name}:${Math.random()}`;

  it('runs a chain, mapping each step input from the trigger data and earlier outputs', async () => {
    const execution = await engine.run(
      chain(
        { id: 'first', type: 'test.add', input: { a: '{{ input.x }}', b: 2 } },
        { id: 'second', type: 'test.add', input: { a: '{{ steps.first.output.sum }}', b: '{{ input.x * 10 }}' } },
        { id: 'third', type: 'test.echo', input: { text: 'total {{ steps.second.output.sum }} for {topic}' } },
      ),
      { x: 1, topic: 'AI' },
    );
    expect(execution).toMatchObject({ status: 'succeeded', output: { text: 'total 13 for AI' }, error: null });
    const steps = await engine.stepsOf(execution.id);
    expect(steps.map((s) => [s.stepId, s.status, s.attempts])).toEqual(expect.arrayContaining([['first', 'succeeded', 1], ['second', 'succeeded', 1], ['third', 'succeeded', 1]]));
    const types = engine.seen.filter((e) => e.payload.execution_id === execution.id).map((e) => `${e.type}:${e.payload.step_id ?? ''}`);
    expect(types).toEqual([
      'execution.started:', 'step.started:first', 'step.succeeded:first', 'step.started:second', 'step.succeeded:second',
      'step.started:third', 'step.succeeded:third', 'execution.succeeded:',
    ]);
  });

  it('commits a pure step\'s result with the next write, its events still in order', async () => {
    const batches = vi.spyOn(engine.sql, 'batch');
    try {
      const pure = await engine.run(chain(
        { id: 'shape', type: 'test.pure', input: { key: key('pure'), value: '{{ input.x }}' } },
        { id: 'send', type: 'test.echo', input: { got: '{{ steps.shape.output.value }}' } },
      ), { x: 7 });
      expect(pure).toMatchObject({ status: 'succeeded', output: { got: 7 } });
      // The execution's insert, then its finish with both results; no commit of its own for `shape`.
      expect(batches).toHaveBeenCalledTimes(2);
      batches.mockClear();
      await engine.run(chain({ id: 'one', type: 'test.echo', input: {} }, { id: 'two', type: 'test.echo', input: {} }));
      expect(batches).toHaveBeenCalledTimes(3);
    } finally {
      batches.mockRestore();
    }

    // A slow step after it: the pure result is committed no later than that step's start is recorded.
    const workflow = await engine.createWorkflow(chain(
      { id: 'shape', type: 'test.pure', input: { key: key('pure'), value: 1 } },
      { id: 'wait', type: 'test.slow', input: { ms: 1_000 } },
      { id: 'last', type: 'test.echo', input: {} },
    ));
    const started = await engine.service.start(workflow.id, {});
    let rows = await engine.stepsOf(started.id);
    while (!rows.some((r) => r.stepId === 'wait')) rows = await new Promise((resolve) => setTimeout(() => resolve(engine.stepsOf(started.id)), 20));
    expect(rows.map((r) => `${r.stepId}:${r.status}`).sort()).toEqual(['shape:succeeded', 'wait:running']);
    const slow = await engine.service.waitFor(started.id, 20_000);
    expect(slow.status).toBe('succeeded');
    const types = engine.seen.filter((e) => e.payload.execution_id === slow.id).map((e) => `${e.type}:${e.payload.step_id ?? ''}`);
    expect(types).toEqual([
      'execution.started:', 'step.started:shape', 'step.succeeded:shape', 'step.started:wait', 'step.succeeded:wait',
      'step.started:last', 'step.succeeded:last', 'execution.succeeded:',
    ]);
  });

  it('runs parallel branches and joins them', async () => {
    const execution = await engine.run(chain(
      { id: 'left', type: 'test.slow', input: { ms: 150 } },
      { id: 'right', type: 'test.slow', depends_on: [], input: { ms: 150 } },
      { id: 'join', type: 'test.add', depends_on: ['left', 'right'], input: { a: '{{ steps.left.output.waited }}', b: '{{ steps.right.output.waited }}' } },
    ));
    expect(execution.output).toEqual({ sum: 300 });
    const steps = await engine.stepsOf(execution.id);
    const left = steps.find((s) => s.stepId === 'left')!;
    const right = steps.find((s) => s.stepId === 'right')!;
    expect(right.startedAt!.getTime()).toBeLessThan(left.finishedAt!.getTime());
  });

  it('skips a step whose condition is false, and what follows only from it', async () => {
    const execution = await engine.run(chain(
      { id: 'check', type: 'test.echo', input: { negative: '{{ input.score < 0 }}' } },
      { id: 'warn', type: 'test.echo', when: "{{ steps.check.output.negative == true && input.channel != 'none' }}", input: { text: 'bad' } },
      { id: 'after_warn', type: 'test.echo', input: { text: 'follows warn' } },
      { id: 'always', type: 'test.echo', depends_on: ['check', 'after_warn'], input: { done: true } },
    ), { score: 5, channel: 'email' });
    expect(execution.status).toBe('succeeded');
    const steps = await engine.stepsOf(execution.id);
    const status = Object.fromEntries(steps.map((s) => [s.stepId, s.status]));
    expect(status).toEqual({ check: 'succeeded', warn: 'skipped', after_warn: 'skipped', always: 'succeeded' });
  });

  it('fans a step out over a list with a concurrency limit, keeping item order', async () => {
    const execution = await engine.run(chain(
      { id: 'numbers', type: 'test.add', for_each: '{{ input.items }}', concurrency: 3, input: { a: '{{ item }}', b: '{{ index }}' } },
    ), { items: [10, 20, 30, 40, 50, 60, 70] });
    expect(execution.output).toEqual([10, 21, 32, 43, 54, 65, 76].map((sum) => ({ sum })));
    const items = await engine.executionStore.steps(execution.id, { limit: 100, offset: 0, itemsOf: 'numbers' });
    expect(items.map((i) => i.itemIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('retries a failing step with backoff until it succeeds', async () => {
    const k = key('flaky');
    const execution = await engine.run(chain({ id: 'flaky', type: 'test.flaky', input: { key: k, failures: 2 }, retry: { max_attempts: 3, backoff_ms: 10 } }));
    expect(execution.status).toBe('succeeded');
    expect(calls.get(k)).toBe(3);
    expect((await engine.stepsOf(execution.id))[0]).toMatchObject({ attempts: 3, status: 'succeeded' });
    expect(engine.seen.filter((e) => e.type === 'step.retrying' && e.payload.execution_id === execution.id)).toHaveLength(2);
  });

  it('fails a step that outlives its timeout, naming the step', async () => {
    const execution = await engine.run(chain({ id: 'sleepy', type: 'test.slow', input: { ms: 5_000 }, timeout_ms: 100 }));
    expect(execution.status).toBe('failed');
    expect(execution.error).toMatchObject({ code: 'step_timeout', message: 'step "sleepy" (action "test.slow" of plugin test-plugin) in workflow "test": did not finish within 100 ms (timeout_ms)' });
  });

  it('fails the run when a step fails, and never starts what depends on it', async () => {
    const execution = await engine.run(chain(
      { id: 'broken', type: 'test.fail', input: { message: 'remote said no' } },
      { id: 'after', type: 'test.echo', input: {} },
    ));
    expect(execution.error).toMatchObject({
      code: 'remote_refused',
      message: 'step "broken" (action "test.fail" of plugin test-plugin) in workflow "test": remote said no',
      details: { workflow_id: execution.workflowId, workflow: 'test', step_id: 'broken', action: 'test.fail', plugin: 'test-plugin' },
    });
    expect((await engine.stepsOf(execution.id)).map((s) => s.stepId)).toEqual(['broken']);
  });

  it('continues past a failed step marked continue_on_error', async () => {
    const execution = await engine.run(chain(
      { id: 'broken', type: 'test.fail', input: {}, continue_on_error: true },
      { id: 'after', type: 'test.echo', input: { error: '{{ steps.broken.status }}' } },
    ));
    expect(execution).toMatchObject({ status: 'succeeded', output: { error: 'failed' } });
  });

  it('fails a step whose template breaks at run time with the step and field named', async () => {
    const execution = await engine.run(chain({ id: 'calc', type: 'test.add', input: { a: '{{ $number("not a number") }}', b: 1 } }));
    expect(execution.error?.code).toBe('invalid_template');
    expect(execution.error?.message).toMatch(/^step "calc" \(action "test.add" of plugin test-plugin\) in workflow "test": step "calc" field input\.a: /);
  });

  it('fails a step whose resolved input does not match the action schema', async () => {
    const execution = await engine.run(chain({ id: 'calc', type: 'test.add', input: { a: 'one', b: 1 } }));
    expect(execution.error).toMatchObject({ code: 'invalid_step_input', details: { step_id: 'calc', cause: { a: [expect.stringContaining('expected number')] } } });
  });

  it('fails clearly when no plugin provides the step type, keeping the code action_not_found', async () => {
    const execution = await engine.run(chain({ id: 'x', type: 'nobody.provides', input: {} }));
    expect(execution.error).toEqual({
      code: 'action_not_found',
      message: 'step "x" (action "nobody.provides") in workflow "test": no action "nobody.provides" is registered; is the plugin that provides it installed and enabled?',
      details: { workflow_id: execution.workflowId, workflow: 'test', step_id: 'x', action: 'nobody.provides', plugin: null },
    });
    expect((await engine.stepsOf(execution.id))[0]?.error?.code).toBe('action_not_found');
  });

  it('names the plugin and action on every line a step logs, its failure included', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await startEngine(dialect, { logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) });
    try {
      const execution = await logged.run(chain({ id: 'say', type: 'test.log', input: { text: 'hi' } }, { id: 'broken', type: 'test.fail', input: {} }));
      expect(lines.find((l) => l.msg === 'logged by the action')).toMatchObject({ plugin: 'test-plugin', action: 'test.log', execution_id: execution.id, step_id: 'say', text: 'hi' });
      expect(lines.find((l) => l.msg === 'step failed')).toMatchObject({ plugin: 'test-plugin', action: 'test.fail', step_id: 'broken', code: 'remote_refused' });
    } finally {
      await logged.stop();
    }
  });

  it('keeps the code a plugin set on a plain error it threw', async () => {
    const execution = await engine.run(chain({ id: 'raw', type: 'test.throw', input: { code: 'quota_exhausted' } }));
    expect(execution.error).toMatchObject({ code: 'quota_exhausted', details: { action: 'test.throw', plugin: 'test-plugin' } });
  });

  it('cancels a running execution', async () => {
    const workflow = await engine.createWorkflow(chain({ id: 'long', type: 'test.slow', input: { ms: 10_000 } }, { id: 'next', type: 'test.echo', input: {} }));
    const started = await engine.service.start(workflow.id, {});
    await waitUntil(async () => (await engine.stepsOf(started.id)).some((s) => s.status === 'running'));
    await engine.service.cancel(started.id);
    const ended = await engine.service.waitFor(started.id, 5_000);
    expect(ended.status).toBe('cancelled');
    expect((await engine.stepsOf(started.id)).find((s) => s.stepId === 'long')?.status).toBe('cancelled');
  });

  it('retries a failed run, keeping the steps that had succeeded', async () => {
    const counted = key('once');
    const flaky = key('flaky-run');
    const failed = await engine.run(chain(
      { id: 'once', type: 'test.count', input: { key: counted } },
      { id: 'flaky', type: 'test.flaky', input: { key: flaky, failures: 1 } },
    ));
    expect(failed.status).toBe('failed');
    const retried = await engine.service.waitFor((await engine.service.retry(failed.id)).id, 10_000);
    expect(retried).toMatchObject({ status: 'succeeded', rerunOf: failed.id });
    expect(calls.get(counted)).toBe(1);
  });

  it('re-runs from a chosen step, reusing the outputs recorded before it', async () => {
    const [a, b, c] = [key('a'), key('b'), key('c')];
    const first = await engine.run(chain(
      { id: 'a', type: 'test.count', input: { key: a } },
      { id: 'b', type: 'test.count', input: { key: b } },
      { id: 'c', type: 'test.add', input: { a: '{{ steps.a.output.calls }}', b: '{{ steps.b.output.calls }}' } },
    ));
    expect(first.output).toEqual({ sum: 2 });
    const rerun = await engine.service.waitFor((await engine.service.rerunFrom(first.id, 'b')).id, 10_000);
    expect(rerun.output).toEqual({ sum: 3 });
    expect([calls.get(a), calls.get(b), calls.get(c)]).toEqual([1, 2, undefined]);
  });

  it('runs the version it pinned even when the workflow changes before it starts', async () => {
    const queued = await startEngine(dialect, { autoStart: false });
    try {
      const workflow = await queued.createWorkflow(chain({ id: 'v', type: 'test.echo', input: { version: 1 } }));
      const execution = await queued.service.start(workflow.id, {});
      const updated = await queued.workflows.update(workflow.id, { ...workflow.definition, steps: [{ ...workflow.definition.steps[0]!, input: { version: 2 } }] });
      expect(updated.version).toBe(2);
      queued.pool.start();
      const ended = await queued.service.waitFor(execution.id, 10_000);
      expect(ended).toMatchObject({ version: 1, output: { version: 1 } });
      expect((await queued.workflows.versions(workflow.id)).map((v) => v.version)).toEqual([2, 1]);
    } finally {
      await queued.stop();
    }
  });

  it('calls another workflow as a child execution', async () => {
    const child = await engine.createWorkflow({ name: 'child', steps: [{ id: 'double', type: 'test.add', input: { a: '{{ input.n }}', b: '{{ input.n }}' } }] });
    const parent = await engine.run(chain({ id: 'call', type: 'workflow.call', input: { workflow_id: child.id, input: { n: '{{ input.n }}' } } }), { n: 21 });
    expect(parent.status).toBe('succeeded');
    const output = parent.output as { execution_id: string; output: unknown };
    expect(output.output).toEqual({ sum: 42 });
    expect(await engine.executionStore.get(output.execution_id)).toMatchObject({ parentExecutionId: parent.id, parentStepId: 'call', status: 'succeeded' });
  });

  it('refuses a cycle of workflows before the called one runs, naming the chain', async () => {
    const b = await engine.createWorkflow({ name: 'B', steps: [{ id: 'echo', type: 'test.echo', input: {} }] });
    const a = await engine.createWorkflow({ name: 'A', steps: [{ id: 'call_b', type: 'workflow.call', input: { workflow_id: b.id } }] });
    await engine.workflows.update(b.id, { ...b.definition, steps: [{ id: 'call_a', type: 'workflow.call', input: { workflow_id: a.id }, concurrency: 4, continue_on_error: false }] });
    const execution = await engine.service.waitFor((await engine.service.start(a.id, {})).id, 10_000);
    expect(execution.status).toBe('failed');
    expect(execution.error).toMatchObject({
      code: 'workflow_call_cycle',
      details: { step_id: 'call_b', action: 'workflow.call', cause: { chain: [{ workflow_id: a.id, name: 'A' }, { workflow_id: b.id, name: 'B' }, { workflow_id: a.id, name: 'A' }] } },
    });
    expect(execution.error?.message).toContain(`"A" (${a.id}) → "B" (${b.id}) → "A" (${a.id})`);
    expect(await engine.executionStore.list({ workflowId: b.id, limit: 10 })).toEqual([]);
  });

  it('refuses a call nested deeper than the limit, failing every run on the chain with call_depth_exceeded', async () => {
    const shallow = await startEngine(dialect, { callLimits: { maxDepth: 2, maxDescendants: 100 } });
    try {
      const leaf = await shallow.createWorkflow({ name: 'W3', steps: [{ id: 'echo', type: 'test.echo', input: {} }] });
      const w2 = await shallow.createWorkflow({ name: 'W2', steps: [{ id: 'call', type: 'workflow.call', input: { workflow_id: leaf.id } }] });
      const w1 = await shallow.createWorkflow({ name: 'W1', steps: [{ id: 'call', type: 'workflow.call', input: { workflow_id: w2.id } }] });
      const ok = await shallow.run({ name: 'W0', steps: [{ id: 'call', type: 'workflow.call', input: { workflow_id: w2.id } }] });
      expect(ok.status).toBe('succeeded');
      const root = await shallow.run({ name: 'root', steps: [{ id: 'call', type: 'workflow.call', input: { workflow_id: w1.id } }] });
      expect(root.error).toMatchObject({
        code: 'call_depth_exceeded',
        details: { step_id: 'call', child_execution_id: expect.any(String), origin: { workflow: 'W2', step_id: 'call', action: 'workflow.call' }, cause: { limit: 2 } },
      });
      expect(root.error?.message).toContain('"W1"');
      expect(await shallow.executionStore.list({ workflowId: leaf.id, limit: 10 })).toHaveLength(1);
    } finally {
      await shallow.stop();
    }
  });

  it('bounds the executions one root run starts through workflow.call', async () => {
    const small = await startEngine(dialect, { callLimits: { maxDepth: 10, maxDescendants: 2 } });
    try {
      const leaf = await small.createWorkflow({ name: 'leaf', steps: [{ id: 'echo', type: 'test.echo', input: {} }] });
      const call = (id: string) => ({ id, type: 'workflow.call', depends_on: [], input: { workflow_id: leaf.id } });
      const root = await small.run({ name: 'root', steps: [call('one'), call('two'), call('three')] });
      expect(root.error).toMatchObject({ code: 'descendant_limit_exceeded', details: { cause: { limit: 2, root_execution_id: root.id } } });
      expect(await small.executionStore.list({ workflowId: leaf.id, limit: 10 })).toHaveLength(2);
    } finally {
      await small.stop();
    }
  });

  it('keeps a large output out of the step row and reads it back from the blob', async () => {
    const execution = await engine.run(chain({ id: 'big', type: 'test.big', input: { size: 50_000 } }, { id: 'length', type: 'test.echo', input: { n: '{{ $length(steps.big.output.text) }}' } }));
    expect(execution.output).toEqual({ n: 50_000 });
    const big = (await engine.stepsOf(execution.id)).find((s) => s.stepId === 'big')!;
    expect(big.output).toBeUndefined();
    expect(big.outputBlobId).not.toBeNull();
    expect(big.outputSizeBytes).toBeGreaterThan(50_000);
    expect(await engine.executionStore.blob(big.outputBlobId!)).toEqual({ text: 'x'.repeat(50_000) });
  });

  it('stores documents a step emits, with their lineage', async () => {
    const first = await engine.run(chain({ id: 'doc', type: 'test.document', input: { title: 'Root' } }));
    const [root] = await engine.documents.list({ executionId: first.id, limit: 10 });
    expect(root).toMatchObject({ title: 'Root', stepId: 'doc', format: 'markdown', metadata: { by: 'test' } });
    const second = await engine.run(chain({ id: 'derived', type: 'test.document', input: { title: 'Child', parent_id: root!.id } }));
    const [child] = await engine.documents.list({ executionId: second.id, limit: 10 });
    const lineage = await engine.documents.lineage(child!.id);
    expect(lineage.ancestors.map((d) => d.title)).toEqual(['Root']);
    expect((await engine.documents.lineage(root!.id)).descendants.map((d) => d.title)).toEqual(['Child']);
  });

  it('commits the final step with the execution\'s end, telling listeners of each step only once its result is committed', async () => {
    const workflow = await engine.createWorkflow(chain(
      { id: 'first', type: 'test.add', input: { a: 1, b: 2 } },
      { id: 'last', type: 'test.add', input: { a: '{{ steps.first.output.sum }}', b: 4 } },
    ));
    const readOnEvent: Promise<string[]>[] = [];
    const off = engine.events.on('step.*', (event) => {
      if (event.payload.workflow_id !== workflow.id || event.type === 'step.started') return;
      readOnEvent.push(engine.stepsOf(String(event.payload.execution_id)).then((rows) => rows.map((r) => `${r.stepId}:${r.status}`).sort()));
    });
    try {
      const execution = await engine.service.start(workflow.id, {});
      const ended = await engine.service.waitFor(execution.id, 10_000);
      expect(ended).toMatchObject({ status: 'succeeded', output: { sum: 7 } });
      expect(await Promise.all(readOnEvent)).toEqual([['first:succeeded'], ['first:succeeded', 'last:succeeded']]);
      expect((await engine.jobs.get(execution.id))?.status).toBe('succeeded');
    } finally {
      off();
    }
  });

  it('tells listeners of a failed step only once its failure is committed', async () => {
    const workflow = await engine.createWorkflow(chain(
      { id: 'shaky', type: 'test.fail', continue_on_error: true, input: {} },
      { id: 'broken', type: 'test.fail', input: { message: 'no luck' } },
    ));
    const readOnEvent: Promise<string[]>[] = [];
    const off = engine.events.on('step.failed', (event) => {
      if (event.payload.workflow_id !== workflow.id) return;
      readOnEvent.push(engine.stepsOf(String(event.payload.execution_id)).then((rows) => rows.map((r) => `${r.stepId}:${r.status}`).sort()));
    });
    try {
      const execution = await engine.service.start(workflow.id, {});
      const ended = await engine.service.waitFor(execution.id, 10_000);
      expect(ended.status).toBe('failed');
      // Each read sees the failure it was told of (a read may also see a later commit: it is not the event's snapshot).
      const [first, second] = await Promise.all(readOnEvent);
      expect(first).toContain('shaky:failed');
      expect(second).toEqual(['broken:failed', 'shaky:failed']);
    } finally {
      off();
    }
  });

  it('resumes an execution from its last committed step without re-running committed steps', async () => {
    const paused = await startEngine(dialect, { autoStart: false });
    try {
      const [a, b] = [key('resume-a'), key('resume-b')];
      const workflow = await paused.createWorkflow(chain(
        { id: 'a', type: 'test.count', input: { key: a } },
        { id: 'b', type: 'test.count', input: { key: b } },
        { id: 'c', type: 'test.add', input: { a: '{{ steps.a.output.calls }}', b: '{{ steps.b.output.calls }}' } },
      ));
      const execution = await paused.service.start(workflow.id, {});
      // As a crash would leave it: step a committed, step b started but not finished.
      const ref = { executionId: execution.id, workflowId: workflow.id, itemIndex: -1, input: { key: a }, attempts: 1, startedAt: new Date() };
      await paused.executionStore.finishStep({ ...ref, stepId: 'a' }, { status: 'succeeded', output: { calls: 7 } });
      await paused.executionStore.startStep(execution.id, 'b', -1, { key: b }, 1, new Date());
      paused.pool.start();
      const ended = await paused.service.waitFor(execution.id, 10_000);
      expect(ended.output).toEqual({ sum: 8 });
      expect([calls.get(a), calls.get(b)]).toEqual([undefined, 1]);
      expect((await paused.stepsOf(execution.id)).find((s) => s.stepId === 'b')?.attempts).toBe(2);
    } finally {
      await paused.stop();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
