import type { ExecutionPlan } from './plan-workflow.js';
import { stateOf } from './step-state.js';
import type { StepState, StepStates } from './step-state.js';

/** Why {@link readySteps} skips a step whose branch was not taken. */
export const ALL_DEPENDENCIES_SKIPPED = 'all dependencies were skipped';

/** A step that can never run because something upstream failed or was cancelled. */
export interface BlockedStep {
  id: string;
  /** The failed or cancelled step that blocks it (possibly several steps up). */
  cause: string;
  reason: string;
}

/** What the engine should do next, given where every step stands. */
export interface ReadySteps {
  /** Pending steps whose dependencies allow them to start now (their `when` is still to check). */
  start: string[];
  /** Pending steps to mark skipped now, including those downstream of other skips in this list. */
  skip: { id: string; reason: string }[];
  /** Pending steps that will never run; the engine fails the execution. */
  blocked: BlockedStep[];
  /** Nothing is running, nothing can start, and nothing is waiting: the run is over. */
  complete: boolean;
}

type Projected = StepState | 'starting' | 'blocked';

/**
 * Decides, for every pending step, from the states of its dependencies:
 * - a dependency failed (without its `continue_on_error`) or was cancelled -> blocked, and so is
 *   everything downstream;
 * - a dependency is still pending, running or waiting -> wait;
 * - every dependency was skipped -> skip (a branch not taken propagates);
 * - otherwise (at least one succeeded, or failed with `continue_on_error`) -> start; a step
 *   without dependencies starts at once.
 * Skips and blocks are applied downstream within the same call, so one call says all there is to
 * do until some running step finishes.
 */
export function readySteps(plan: ExecutionPlan, states: StepStates): ReadySteps {
  const projected = new Map<string, Projected>();
  const causes = new Map<string, string>();
  const result: ReadySteps = { start: [], skip: [], blocked: [], complete: true };

  for (const id of plan.order) {
    const state = stateOf(states, id);
    const planned = plan.steps.get(id);
    if (state !== 'pending' || planned === undefined) {
      projected.set(id, state);
      if (state === 'running' || state === 'pending' || state === 'waiting') result.complete = false;
      continue;
    }
    const blocker = planned.dependsOn.find((dependency) => {
      const dependencyState = projected.get(dependency);
      if (dependencyState === 'blocked' || dependencyState === 'cancelled') return true;
      return dependencyState === 'failed' && plan.steps.get(dependency)?.step.continue_on_error !== true;
    });
    if (blocker !== undefined) {
      const cause = causes.get(blocker) ?? blocker;
      const causeState = projected.get(cause) === 'cancelled' ? 'was cancelled' : 'failed';
      causes.set(id, cause);
      projected.set(id, 'blocked');
      result.blocked.push({ id, cause, reason: `step "${cause}" ${causeState}` });
      continue;
    }
    const dependencyStates = planned.dependsOn.map((dependency) => projected.get(dependency) ?? 'pending');
    if (dependencyStates.some((s) => s === 'pending' || s === 'running' || s === 'waiting' || s === 'starting')) {
      projected.set(id, 'pending');
      result.complete = false;
      continue;
    }
    if (dependencyStates.length > 0 && dependencyStates.every((s) => s === 'skipped')) {
      projected.set(id, 'skipped');
      result.skip.push({ id, reason: ALL_DEPENDENCIES_SKIPPED });
      continue;
    }
    projected.set(id, 'starting');
    result.start.push(id);
    result.complete = false;
  }
  return result;
}
