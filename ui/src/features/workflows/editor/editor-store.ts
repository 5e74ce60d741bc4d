import { useRef } from 'react';
import { create } from 'zustand';
import type { WorkflowDefinition, WorkflowStep } from '../workflow-types';
import { dependenciesOf } from './graph-model';

const HISTORY_LIMIT = 200;

/** Problems from the server's last refusal, by step id then field path ('' for the step itself). */
export type StepErrors = Record<string, Record<string, string[]>>;

interface EditorState {
  draft: WorkflowDefinition;
  past: WorkflowDefinition[];
  future: WorkflowDefinition[];
  selected: string | null;
  dirty: boolean;
  errors: StepErrors;
  load(definition: WorkflowDefinition): void;
  /** Applies one change as one undo step; `coalesce` merges it into the previous change with the same key (typing). */
  change(update: (draft: WorkflowDefinition) => WorkflowDefinition, coalesce?: string): void;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  setErrors(errors: StepErrors): void;
  saved(): void;
}

let lastCoalesce: string | undefined;

/** The editor's draft and its undo history: what the person is doing, not server state. */
export const useEditor = create<EditorState>()((set) => ({
  draft: { name: '', trigger: { type: 'manual' }, steps: [] },
  past: [],
  future: [],
  selected: null,
  dirty: false,
  errors: {},
  load: (draft) => {
    lastCoalesce = undefined;
    set({ draft, past: [], future: [], selected: null, dirty: false, errors: {} });
  },
  change: (update, coalesce) =>
    set((state) => {
      const next = update(state.draft);
      if (next === state.draft) return state;
      const merge = coalesce !== undefined && coalesce === lastCoalesce && state.past.length > 0;
      lastCoalesce = coalesce;
      const past = merge ? state.past : [...state.past, state.draft].slice(-HISTORY_LIMIT);
      return { draft: next, past, future: [], dirty: true };
    }),
  undo: () =>
    set((state) => {
      const previous = state.past.at(-1);
      if (!previous) return state;
      lastCoalesce = undefined;
      return { draft: previous, past: state.past.slice(0, -1), future: [state.draft, ...state.future], dirty: true };
    }),
  redo: () =>
    set((state) => {
      const [next, ...rest] = state.future;
      if (!next) return state;
      lastCoalesce = undefined;
      return { draft: next, past: [...state.past, state.draft], future: rest, dirty: true };
    }),
  select: (selected) => set({ selected }),
  setErrors: (errors) => set({ errors }),
  saved: () => set({ dirty: false, errors: {} }),
}));

/** Whether two step lists draw the same graph: ids, types, dependencies, and whether `when`/`for_each` are set. */
export function sameGraph(a: readonly WorkflowStep[], b: readonly WorkflowStep[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.type !== y.type || (x.when === undefined) !== (y.when === undefined) || (x.for_each === undefined) !== (y.for_each === undefined)) return false;
    const dx = x.depends_on, dy = y.depends_on;
    if (dx !== dy && (dx === undefined || dy === undefined || dx.length !== dy.length || dx.some((d, j) => d !== dy[j]))) return false;
  }
  return true;
}

/**
 * The draft's steps as the graph sees them: the same array until a step is added, removed,
 * renamed, reconnected or changes type, so typing in a step's input re-renders no component
 * that only draws the graph (its values are then those of the last graph change).
 */
export function useGraphSteps(): readonly WorkflowStep[] {
  const last = useRef<readonly WorkflowStep[] | null>(null);
  return useEditor((state) => {
    const steps = state.draft.steps;
    if (last.current === null || !sameGraph(last.current, steps)) last.current = steps;
    return last.current;
  });
}

/** One step of the draft, re-rendering its reader only when that step changes. */
export function useDraftStep(id: string): WorkflowStep | undefined {
  return useEditor((state) => state.draft.steps.find((s) => s.id === id));
}

// Pure edits of a definition, each returning a new one (used through `change`).

function freeId(steps: readonly WorkflowStep[], type: string): string {
  const base = (type.split('.').at(-1) ?? 'step').replace(/[^a-zA-Z0-9_-]/g, '_').replace(/^[^a-zA-Z]+/, '') || 'step';
  const taken = new Set(steps.map((s) => s.id));
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Makes every implicit "follows the step before" edge explicit, so reordering cannot change the graph. */
function explicit(steps: readonly WorkflowStep[]): WorkflowStep[] {
  return steps.map((step, index) => (step.depends_on !== undefined || index === 0 ? step : { ...step, depends_on: dependenciesOf(steps, index).ids }));
}

export function addStep(draft: WorkflowDefinition, type: string, after: string | null): { draft: WorkflowDefinition; id: string } {
  const id = freeId(draft.steps, type);
  const last = draft.steps.at(-1)?.id ?? null;
  const parent = after ?? last;
  const step: WorkflowStep = { id, type, input: {} };
  if (parent !== null && parent !== last) step.depends_on = [parent];
  const steps = parent !== null && parent !== last ? [...explicit(draft.steps), step] : [...draft.steps, step];
  return { draft: { ...draft, steps }, id };
}

export function updateStep(draft: WorkflowDefinition, id: string, patch: Partial<WorkflowStep>): WorkflowDefinition {
  return { ...draft, steps: draft.steps.map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

export function setInput(draft: WorkflowDefinition, id: string, key: string, value: unknown): WorkflowDefinition {
  return {
    ...draft,
    steps: draft.steps.map((s) => {
      if (s.id !== id) return s;
      const input = { ...s.input };
      if (value === undefined) delete input[key];
      else input[key] = value;
      return { ...s, input };
    }),
  };
}

export function renameStep(draft: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
  if (from === to || draft.steps.some((s) => s.id === to)) return draft;
  return {
    ...draft,
    steps: draft.steps.map((s) => ({
      ...s,
      id: s.id === from ? to : s.id,
      ...(s.depends_on ? { depends_on: s.depends_on.map((d) => (d === from ? to : d)) } : {}),
    })),
  };
}

/** Removes a step; whatever waited on it now waits on what it waited on, so the chain stays whole. */
export function removeSteps(draft: WorkflowDefinition, ids: readonly string[]): WorkflowDefinition {
  let steps = explicit(draft.steps);
  for (const id of ids) {
    const gone = steps.find((s) => s.id === id);
    if (!gone) continue;
    const inherited = gone.depends_on ?? [];
    steps = steps
      .filter((s) => s.id !== id)
      .map((s) => (s.depends_on?.includes(id) ? { ...s, depends_on: [...new Set([...s.depends_on.filter((d) => d !== id), ...inherited])] } : s));
  }
  return { ...draft, steps };
}

export function connect(draft: WorkflowDefinition, source: string, target: string): WorkflowDefinition {
  if (source === target) return draft;
  const steps = explicit(draft.steps);
  const index = steps.findIndex((s) => s.id === target);
  if (index < 0 || steps[index]!.depends_on?.includes(source)) return draft;
  const current = steps[index]!.depends_on ?? [];
  return { ...draft, steps: steps.map((s, i) => (i === index ? { ...s, depends_on: [...current, source] } : s)) };
}

export function disconnect(draft: WorkflowDefinition, source: string, target: string): WorkflowDefinition {
  const steps = explicit(draft.steps);
  return { ...draft, steps: steps.map((s) => (s.id === target ? { ...s, depends_on: (s.depends_on ?? []).filter((d) => d !== source) } : s)) };
}

/** A new trigger type starts from its own settings, the old type's are dropped. */
export function setTriggerType(draft: WorkflowDefinition, type: string, initial: Record<string, unknown>): WorkflowDefinition {
  if (draft.trigger.type === type) return draft;
  return { ...draft, trigger: { ...initial, type } };
}

/** One setting of the trigger (`undefined` removes it). */
export function setTriggerSetting(draft: WorkflowDefinition, key: string, value: unknown): WorkflowDefinition {
  const trigger = { ...draft.trigger };
  if (value === undefined) delete trigger[key];
  else trigger[key] = value;
  return { ...draft, trigger };
}

/** Every setting at once (switching between the alternatives of a settings schema); the type stays. */
export function replaceTriggerSettings(draft: WorkflowDefinition, settings: Record<string, unknown>): WorkflowDefinition {
  return { ...draft, trigger: { ...settings, type: draft.trigger.type } };
}
