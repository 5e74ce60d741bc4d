import { InputError } from '@dwc/sdk';
import { findCycle } from './find-cycle.js';
import { resolveDependencies } from './resolve-dependencies.js';
import type { DependencySource } from './resolve-dependencies.js';

/** What planning needs from a step; a parsed WorkflowStep has all of it. */
export interface PlannableStep extends DependencySource {
  continue_on_error?: boolean | undefined;
}

/** One step of a plan with its edges resolved both ways. */
export interface PlannedStep<S extends PlannableStep = PlannableStep> {
  step: S;
  /** Position in the definition's list. */
  index: number;
  dependsOn: readonly string[];
  /** Steps that list this one among their dependencies. */
  dependents: readonly string[];
}

/** A workflow's steps as a graph, ready for {@link readySteps} and {@link stepsFrom}. */
export interface ExecutionPlan<S extends PlannableStep = PlannableStep> {
  steps: ReadonlyMap<string, PlannedStep<S>>;
  /** Every step id, dependencies before dependents; ties keep the definition's order. */
  order: readonly string[];
}

/**
 * Resolves each step's dependencies (see {@link resolveDependencies}) and orders the steps
 * topologically. Throws InputError on a cycle, which a parsed definition never has.
 */
export function planWorkflow<S extends PlannableStep>(definition: { steps: readonly S[] }): ExecutionPlan<S> {
  const ids = definition.steps.map((step) => step.id);
  const dependencies = resolveDependencies(definition.steps);
  const cycle = findCycle(ids, dependencies);
  if (cycle) {
    throw new InputError(`Steps form a cycle: ${cycle.join(' -> ')}.`, { code: 'workflow_cycle', details: { steps: [cycle.join(' -> ')] } });
  }

  const dependents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [id, on] of dependencies) for (const dependency of on) dependents.get(dependency)?.push(id);

  const steps = new Map<string, PlannedStep<S>>();
  definition.steps.forEach((step, index) => {
    steps.set(step.id, { step, index, dependsOn: dependencies.get(step.id) ?? [], dependents: dependents.get(step.id) ?? [] });
  });
  return { steps, order: topologicalOrder(ids, dependencies) };
}

/** Repeatedly places the earliest-listed step whose dependencies are all placed. */
function topologicalOrder(ids: readonly string[], dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  while (order.length < ids.length) {
    const next = ids.find((id) => !placed.has(id) && (dependencies.get(id) ?? []).every((dependency) => placed.has(dependency)));
    if (next === undefined) break;
    placed.add(next);
    order.push(next);
  }
  return order;
}
