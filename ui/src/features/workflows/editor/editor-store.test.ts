import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../workflow-types';
import { addStep, connect, disconnect, removeSteps, renameStep, sameGraph, setInput, updateStep, useDraftStep, useEditor, useGraphSteps } from './editor-store';
import { edgesOf } from './graph-model';

const chain: WorkflowDefinition = {
  name: 'w',
  trigger: { type: 'manual' },
  steps: [
    { id: 'a', type: 'transform', input: {} },
    { id: 'b', type: 'ai.generate', input: {} },
    { id: 'c', type: 'document.create', input: {} },
  ],
};
const edges = (d: WorkflowDefinition) => edgesOf(d.steps).map((e) => `${e.source}->${e.target}`);

describe('editing a workflow graph', () => {
  it('appends a step to the chain, naming it after its type', () => {
    const { draft, id } = addStep(chain, 'document.create', null);
    expect(id).toBe('create');
    expect(edges(draft)).toEqual(['a->b', 'b->c', 'c->create']);
  });

  it('adds a branch when a step in the middle is selected, without changing the existing edges', () => {
    const { draft, id } = addStep(chain, 'http.request', 'a');
    expect(edges(draft)).toEqual(['a->b', 'b->c', `a->${id}`]);
  });

  it('keeps the chain whole when a step is deleted', () => {
    expect(edges(removeSteps(chain, ['b']))).toEqual(['a->c']);
  });

  it('joins branches by connecting, and splits them by disconnecting', () => {
    const joined = connect(chain, 'a', 'c');
    expect(edges(joined)).toEqual(['a->b', 'b->c', 'a->c']);
    expect(edges(disconnect(joined, 'b', 'c'))).toEqual(['a->b', 'a->c']);
  });

  it('renames a step everywhere it is depended on, and refuses a taken id', () => {
    const joined = connect(chain, 'a', 'c');
    expect(edges(renameStep(joined, 'a', 'start'))).toEqual(['start->b', 'b->c', 'start->c']);
    expect(renameStep(chain, 'a', 'b')).toBe(chain);
  });
});

describe('undo and redo', () => {
  beforeEach(() => useEditor.getState().load(chain));

  it('undoes and redoes one change at a time', () => {
    const { change } = useEditor.getState();
    change((d) => removeSteps(d, ['c']));
    change((d) => removeSteps(d, ['b']));
    expect(useEditor.getState().draft.steps.map((s) => s.id)).toEqual(['a']);
    useEditor.getState().undo();
    expect(useEditor.getState().draft.steps.map((s) => s.id)).toEqual(['a', 'b']);
    useEditor.getState().undo();
    expect(useEditor.getState().draft).toBe(chain);
    useEditor.getState().redo();
    expect(useEditor.getState().draft.steps.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('merges the keystrokes of one field into one undo step', () => {
    const { change } = useEditor.getState();
    for (const text of ['h', 'he', 'hel']) change((d) => setInput(d, 'a', 'expression', text), 'input:a:expression');
    change((d) => setInput(d, 'b', 'prompt', 'x'), 'input:b:prompt');
    expect(useEditor.getState().past).toHaveLength(2);
    useEditor.getState().undo();
    expect(useEditor.getState().draft.steps[0]!.input).toEqual({ expression: 'hel' });
    useEditor.getState().undo();
    expect(useEditor.getState().draft.steps[0]!.input).toEqual({});
  });

  it('forgets the redo branch after a new change', () => {
    const { change } = useEditor.getState();
    change((d) => removeSteps(d, ['c']));
    useEditor.getState().undo();
    change((d) => removeSteps(d, ['b']));
    expect(useEditor.getState().future).toEqual([]);
  });
});

describe('what re-renders while typing', () => {
  beforeEach(() => useEditor.getState().load(chain));

  it('keeps the graph steps the same array while a step input changes, and gives new ones when the graph changes', () => {
    const graph = renderHook(() => useGraphSteps());
    const step = renderHook(() => useDraftStep('b'));
    const first = graph.result.current;
    const firstB = step.result.current;
    act(() => useEditor.getState().change((d) => setInput(d, 'b', 'prompt', 'Hello'), 'input:b:prompt'));
    expect(graph.result.current).toBe(first);
    expect(step.result.current).not.toBe(firstB);
    expect(step.result.current?.input).toEqual({ prompt: 'Hello' });
    act(() => useEditor.getState().change((d) => updateStep(d, 'c', { when: '{{ input.go }}' })));
    expect(graph.result.current).not.toBe(first);
    const second = graph.result.current;
    act(() => useEditor.getState().change((d) => connect(d, 'a', 'c')));
    expect(graph.result.current).not.toBe(second);
    expect(graph.result.current.find((s) => s.id === 'c')?.depends_on).toEqual(['b', 'a']);
  });

  it('compares graphs by ids, types, dependencies and whether when/for_each are set', () => {
    const steps = chain.steps;
    expect(sameGraph(steps, steps.map((s) => ({ ...s, input: { x: 1 } })))).toBe(true);
    expect(sameGraph(steps, steps.map((s) => (s.id === 'b' ? { ...s, when: 'x' } : s)))).toBe(false);
    expect(sameGraph(steps, steps.map((s) => (s.id === 'b' ? { ...s, type: 'transform' } : s)))).toBe(false);
    expect(sameGraph(steps, steps.map((s) => (s.id === 'c' ? { ...s, depends_on: ['b'] } : s)))).toBe(false);
    expect(sameGraph(steps, steps.slice(0, 2))).toBe(false);
  });
});
