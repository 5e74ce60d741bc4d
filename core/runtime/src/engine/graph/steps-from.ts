import { InputError } from '@dwc/sdk';
import type { ExecutionPlan } from './plan-workflow.js';

/**
 * `stepId` and every step downstream of it, in plan order: what "re-run from a step" runs again
 * (the other steps' outputs are reused). Throws InputError when the plan has no such step.
 */
export function stepsFrom(plan: ExecutionPlan, stepId: string): string[] {
  if (!plan.steps.has(stepId)) {
    throw new InputError(`The workflow has no step "${stepId}".`, {
      code: 'unknown_step',
      details: { step_id: [`no step has id "${stepId}"`] },
    });
  }
  const reached = new Set<string>([stepId]);
  const queue = [stepId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dependent of plan.steps.get(next)?.dependents ?? []) {
      if (!reached.has(dependent)) {
        reached.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return plan.order.filter((id) => reached.has(id));
}
