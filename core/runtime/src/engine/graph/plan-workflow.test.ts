import { InputError } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { planWorkflow } from './plan-workflow.js';

function dependencies(plan: ReturnType<typeof planWorkflow>): Record<string, readonly string[]> {
  return Object.fromEntries([...plan.steps].map(([id, step]) => [id, step.dependsOn]));
}

describe('planWorkflow', () => {
  it('makes a plain list a chain: each step follows the one before', () => {
    const plan = planWorkflow({ steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    expect(dependencies(plan)).toEqual({ a: [], b: ['a'], c: ['b'] });
    expect(plan.steps.get('a')?.dependents).toEqual(['b']);
    expect(plan.order).toEqual(['a', 'b', 'c']);
  });

  it('treats depends_on: [] as a parallel root and several ids as a join', () => {
    const plan = planWorkflow({
      steps: [{ id: 'left' }, { id: 'right', depends_on: [] }, { id: 'join', depends_on: ['left', 'right'] }],
    });
    expect(dependencies(plan)).toEqual({ left: [], right: [], join: ['left', 'right'] });
    expect(plan.steps.get('right')?.dependents).toEqual(['join']);
  });

  it('orders dependencies before dependents even when listed later', () => {
    const plan = planWorkflow({ steps: [{ id: 'report', depends_on: ['fetch'] }, { id: 'fetch', depends_on: [] }] });
    expect(plan.order).toEqual(['fetch', 'report']);
  });

  it('refuses a cycle, naming it', () => {
    expect(() => planWorkflow({ steps: [{ id: 'a', depends_on: ['b'] }, { id: 'b' }] })).toThrow(InputError);
    expect(() => planWorkflow({ steps: [{ id: 'a', depends_on: ['b'] }, { id: 'b' }] })).toThrow('a -> b -> a');
  });
});
