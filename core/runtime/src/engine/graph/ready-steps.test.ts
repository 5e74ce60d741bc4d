import { describe, expect, it } from 'vitest';
import { planWorkflow } from './plan-workflow.js';
import { readySteps } from './ready-steps.js';

const chain = planWorkflow({ steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
const diamond = planWorkflow({
  steps: [
    { id: 'start' },
    { id: 'yes', depends_on: ['start'] },
    { id: 'no', depends_on: ['start'] },
    { id: 'join', depends_on: ['yes', 'no'] },
    { id: 'after' },
  ],
});

describe('readySteps', () => {
  it('starts only the first step of a chain', () => {
    expect(readySteps(chain, {})).toEqual({ start: ['a'], skip: [], blocked: [], complete: false });
  });

  it('starts the next step of a chain when the one before succeeded', () => {
    expect(readySteps(chain, { a: 'succeeded', b: 'pending' }).start).toEqual(['b']);
  });

  it('waits while a dependency is running', () => {
    expect(readySteps(chain, { a: 'running' })).toEqual({ start: [], skip: [], blocked: [], complete: false });
  });

  it('starts parallel roots together, and a join only when all its dependencies finished', () => {
    const plan = planWorkflow({ steps: [{ id: 'l' }, { id: 'r', depends_on: [] }, { id: 'j', depends_on: ['l', 'r'] }] });
    expect(readySteps(plan, {}).start).toEqual(['l', 'r']);
    expect(readySteps(plan, { l: 'succeeded', r: 'running' }).start).toEqual([]);
    expect(readySteps(plan, { l: 'succeeded', r: 'succeeded' }).start).toEqual(['j']);
  });

  it('propagates a skipped branch to steps whose every dependency was skipped', () => {
    const result = readySteps(chain, { a: 'skipped' });
    expect(result.skip).toEqual([
      { id: 'b', reason: 'all dependencies were skipped' },
      { id: 'c', reason: 'all dependencies were skipped' },
    ]);
    expect(result.complete).toBe(true);
  });

  it('runs a join when one branch was taken and the other skipped', () => {
    const result = readySteps(diamond, { start: 'succeeded', yes: 'succeeded', no: 'skipped' });
    expect(result.start).toEqual(['join']);
    expect(result.skip).toEqual([]);
  });

  it('skips a join when both branches were skipped', () => {
    const result = readySteps(diamond, { start: 'succeeded', yes: 'skipped', no: 'skipped' });
    expect(result.skip.map((step) => step.id)).toEqual(['join', 'after']);
  });

  it('blocks everything downstream of a failed step', () => {
    const result = readySteps(chain, { a: 'failed' });
    expect(result.blocked).toEqual([
      { id: 'b', cause: 'a', reason: 'step "a" failed' },
      { id: 'c', cause: 'a', reason: 'step "a" failed' },
    ]);
    expect(result.start).toEqual([]);
    expect(result.complete).toBe(true);
  });

  it('lets dependents run after a failed step that has continue_on_error', () => {
    const plan = planWorkflow({ steps: [{ id: 'a', continue_on_error: true }, { id: 'b' }] });
    expect(readySteps(plan, { a: 'failed' })).toEqual({ start: ['b'], skip: [], blocked: [], complete: false });
  });

  it('runs a join when one dependency failed with continue_on_error and the other was skipped', () => {
    const plan = planWorkflow({
      steps: [{ id: 'x', continue_on_error: true }, { id: 'y', depends_on: [] }, { id: 'j', depends_on: ['x', 'y'] }],
    });
    expect(readySteps(plan, { x: 'failed', y: 'skipped' }).start).toEqual(['j']);
  });

  it('blocks dependents of a cancelled step', () => {
    expect(readySteps(chain, { a: 'cancelled' }).blocked[0]).toEqual({ id: 'b', cause: 'a', reason: 'step "a" was cancelled' });
  });

  it('reports a blocked step while other branches still run, and is not complete until they finish', () => {
    const plan = planWorkflow({ steps: [{ id: 'a' }, { id: 'b' }, { id: 'side', depends_on: [] }] });
    const running = readySteps(plan, { a: 'failed', side: 'running' });
    expect(running.blocked.map((step) => step.id)).toEqual(['b']);
    expect(running.complete).toBe(false);
    expect(readySteps(plan, { a: 'failed', side: 'succeeded' }).complete).toBe(true);
  });

  it('is complete when every step finished', () => {
    expect(readySteps(chain, { a: 'succeeded', b: 'succeeded', c: 'skipped' }).complete).toBe(true);
    expect(readySteps(chain, { a: 'succeeded', b: 'succeeded', c: 'running' }).complete).toBe(false);
  });

  it('accepts states as a Map and reads a step called constructor safely', () => {
    const plan = planWorkflow({ steps: [{ id: 'constructor' }, { id: 'next' }] });
    expect(readySteps(plan, {}).start).toEqual(['constructor']);
    expect(readySteps(plan, new Map([['constructor', 'succeeded' as const]])).start).toEqual(['next']);
  });
});
