import { readySteps, type ExecutionPlan, type WorkflowDefinition } from '../engine/index.js';
import type { StepStatus, StoredError } from './execution-types.js';
import { stepRef, type RunState } from './run-state.js';
import { runStep, type StepRunnerDeps } from './run-step.js';

export type Plan = ExecutionPlan<WorkflowDefinition['steps'][number]>;
export type GraphOutcome =
  | { status: 'succeeded'; output: unknown }
  | { status: 'failed'; error: StoredError }
  /** Nothing more can run until the steps `stepIds` stop waiting: the execution parks. */
  | { status: 'waiting'; stepIds: string[] };

/**
 * Runs the steps of `plan` in dependency order until none can start: independent branches in
 * parallel, skipped steps (and what only follows from them) marked, the final step's result held
 * for the execution's end when nothing else can run after it. When the only steps left are
 * waiting ones (and what follows them), the outcome is `waiting`.
 */
export async function runGraph(deps: StepRunnerDeps, state: RunState, plan: Plan): Promise<GraphOutcome> {
  const inflight = new Map<string, Promise<void>>();
  for (;;) {
    const ready = readySteps(plan, state.statuses);
    for (const { id: stepId, reason } of ready.skip) {
      state.statuses.set(stepId, 'skipped');
      await state.store.finishStep(stepRef(state, stepId), { status: 'skipped', output: { reason } });
      state.events.step('skipped', stepId, { reason });
    }
    const failedBlock = ready.blocked.length > 0;
    if (!failedBlock && !state.signal.aborted) {
      for (const stepId of ready.start) {
        if (inflight.has(stepId)) continue;
        state.statuses.set(stepId, 'running');
        if (inflight.size === 0 && ready.start.length === 1 && othersSettled(plan, state.statuses, stepId)) state.hold.holdFinal(stepId);
        inflight.set(stepId, runStep(deps, state, plan.steps.get(stepId)!.step).then((result) => {
          state.statuses.set(stepId, result.status);
          if (result.status === 'succeeded') state.outputs.set(stepId, result.output);
          if (result.error) state.errors.set(stepId, result.error);
          inflight.delete(stepId);
        }));
      }
    }
    if (inflight.size === 0) {
      if (ready.skip.length > 0 && !failedBlock && !state.signal.aborted) continue;
      const unrecovered = [...state.statuses].find(([id, status]) =>
        status === 'cancelled' || (status === 'failed' && plan.steps.get(id)?.step.continue_on_error !== true));
      const waiting = [...state.statuses].filter(([, status]) => status === 'waiting').map(([id]) => id);
      if (waiting.length > 0 && !failedBlock && !state.signal.aborted && !unrecovered) return { status: 'waiting', stepIds: waiting };
      if (failedBlock || state.signal.aborted || !ready.complete || unrecovered) {
        const failed = unrecovered ?? [...state.statuses].find(([, status]) => status === 'failed' || status === 'cancelled');
        const error = failed ? state.errors.get(failed[0]) : undefined;
        return { status: 'failed', error: error ?? { code: 'execution_failed', message: 'The execution could not finish.' } };
      }
      return { status: 'succeeded', output: executionOutput(state, plan) };
    }
    // One step in flight (a chain) is awaited as is; Promise.race costs a promise per call.
    await (inflight.size === 1 ? inflight.values().next().value : Promise.race(inflight.values()));
  }
}

const settledStatuses: ReadonlySet<StepStatus | undefined> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Whether every step but `stepId` has ended, so none can run after it. */
function othersSettled(plan: Plan, statuses: ReadonlyMap<string, StepStatus>, stepId: string): boolean {
  for (const id of plan.steps.keys()) if (id !== stepId && !settledStatuses.has(statuses.get(id))) return false;
  return true;
}

/** One leaf step: its output; several: an object of their outputs by step id. */
function executionOutput(state: RunState, plan: Plan): unknown {
  const leaves = state.definition.steps.map((s) => s.id).filter((id) => (plan.steps.get(id)?.dependents.length ?? 0) === 0);
  const ran = leaves.filter((id) => state.statuses.get(id) === 'succeeded');
  if (leaves.length === 1) return state.outputs.get(leaves[0]!) ?? null;
  return Object.fromEntries(ran.map((id) => [id, state.outputs.get(id) ?? null]));
}
