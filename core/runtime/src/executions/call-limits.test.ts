import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../engine/index.js';
import { CallDepthError, checkCall, DEFAULT_CALL_LIMITS, literalCalls, WorkflowCycleError, type CallFrame, type CallTarget } from './call-limits.js';

/** Workflows by id, each calling the ids listed (a `{{ }}` id is a templated call). */
function workflows(calls: Record<string, string[]>): (id: string) => Promise<CallTarget | undefined> {
  return async (id) => calls[id] && {
    id, name: id.toUpperCase(),
    definition: { name: id.toUpperCase(), steps: calls[id].map((to, i) => ({ id: `s${i}`, type: 'workflow.call', input: { workflow_id: to } })) } as unknown as WorkflowDefinition,
  };
}
const frame = (id: string): CallFrame => ({ executionId: `e-${id}`, workflowId: id, name: id.toUpperCase() });

async function check(chain: string[], target: string, calls: Record<string, string[]>, limits = DEFAULT_CALL_LIMITS): Promise<unknown> {
  const latest = workflows(calls);
  try {
    await checkCall(chain.map(frame), (await latest(target))!, limits, latest);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('checkCall', () => {
  it('refuses a workflow calling itself', async () => {
    const error = await check(['a'], 'a', { a: ['a'] });
    expect(error).toBeInstanceOf(WorkflowCycleError);
    expect((error as WorkflowCycleError).message).toContain('"A" (a) → "A" (a)');
  });

  it('refuses A → B before B runs when B calls A', async () => {
    const error = await check(['a'], 'b', { a: ['b'], b: ['a'] });
    expect((error as WorkflowCycleError).details).toEqual({ chain: [{ workflow_id: 'a', name: 'A' }, { workflow_id: 'b', name: 'B' }, { workflow_id: 'a', name: 'A' }] });
  });

  it('refuses a call into a cycle further down that does not pass the caller', async () => {
    const error = await check(['a'], 'b', { a: ['b'], b: ['c'], c: ['b'] });
    expect((error as WorkflowCycleError).message).toContain('"B" (b) → "C" (c) → "B" (b)');
  });

  it('lets a workflow be reached twice without a cycle (a diamond)', async () => {
    expect(await check(['a'], 'b', { a: ['b'], b: ['c', 'd'], c: ['e'], d: ['e'], e: [] })).toBeUndefined();
  });

  it('leaves a templated workflow id to run time', async () => {
    expect(literalCalls({ name: 'x', steps: [{ id: 's', type: 'workflow.call', input: { workflow_id: '{{ input.next }}' } }] } as unknown as WorkflowDefinition)).toEqual([]);
    expect(await check(['a'], 'b', { a: ['b'], b: ['{{ input.next }}'] })).toBeUndefined();
  });

  it('refuses a call past the depth limit, naming the chain', async () => {
    const error = await check(['a', 'b', 'c'], 'd', { a: ['b'], b: ['c'], c: ['d'], d: [] }, { maxDepth: 2, maxDescendants: 10 });
    expect(error).toBeInstanceOf(CallDepthError);
    expect((error as CallDepthError).message).toBe('workflow.call would nest 3 calls deep, over the limit of 2 (DWC_MAX_CALL_DEPTH): "A" (a) → "B" (b) → "C" (c) → "D" (d).');
    expect(await check(['a', 'b'], 'c', { a: ['b'], b: ['c'], c: [] }, { maxDepth: 2, maxDescendants: 10 })).toBeUndefined();
  });
});
