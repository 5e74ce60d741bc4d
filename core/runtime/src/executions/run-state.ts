import type { ExpressionScope, WorkflowDefinition } from '../engine/index.js';
import type { CallFrame, CallTree } from './call-limits.js';
import type { ExecutionRecord, StepRecord, StepStatus, StoredError } from './execution-types.js';
import type { StepResultHold, StepWriter } from './step-result-hold.js';
import type { ExecutionEvents } from './step-events.js';

/** One run of one execution, as its steps see it. */
export interface RunState {
  execution: ExecutionRecord;
  definition: WorkflowDefinition;
  statuses: Map<string, StepStatus>;
  outputs: Map<string, unknown>;
  errors: Map<string, StoredError>;
  /** The step rows committed before this run began (a resumed run's). */
  rows: StepRecord[];
  /** Writes step results, holding the final one and pure ones for a later write (see `StepResultHold`). */
  store: StepWriter;
  hold: StepResultHold;
  events: ExecutionEvents;
  signal: AbortSignal;
  workerId: string | undefined;
  /** The workflows calling this run, outermost first, this one last. */
  calls: readonly CallFrame[];
  tree: CallTree;
}

/** The reference a step result is written under, before any attempt ran. */
export function stepRef(state: RunState, stepId: string) {
  return { executionId: state.execution.id, workflowId: state.execution.workflowId, stepId, itemIndex: -1, input: null, attempts: 0, startedAt: null };
}

/** What templates see: the input, the steps so far, the execution and the workflow. */
export function scopeOf(state: RunState): ExpressionScope {
  const steps: Record<string, { output: unknown; status: StepStatus }> = {};
  for (const [id, status] of state.statuses) steps[id] = { output: state.outputs.get(id) ?? null, status };
  return { input: state.execution.input ?? {}, steps, execution: { id: state.execution.id }, workflow: { id: state.execution.workflowId, version: state.execution.version } };
}

/** The top-level step rows as `ExecutionStore.steps` lists them: by start time (unstarted last), then id. */
export function topLevelSteps(before: readonly StepRecord[], written: ReadonlyMap<string, StepRecord>): StepRecord[] {
  const byId = new Map<string, StepRecord>();
  for (const row of before) if (row.itemIndex === -1) byId.set(row.stepId, row);
  for (const [id, row] of written) byId.set(id, row);
  const time = (row: StepRecord) => row.startedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...byId.values()].sort((a, b) => time(a) - time(b) || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0));
}

/** The workflow's AI chain: its provider, then its fallback list. */
export function aiChainOf(definition: WorkflowDefinition): string[] | undefined {
  const ai = definition.ai;
  if (!ai) return undefined;
  const chain = [...(ai.provider ? [ai.provider] : []), ...(ai.fallback ?? [])];
  return chain.length > 0 ? chain : undefined;
}
