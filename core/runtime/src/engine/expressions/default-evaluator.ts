import { createExpressionEvaluator, type ExpressionEvaluator, type ExpressionLimits } from './expression-evaluator.js';

let current: ExpressionEvaluator | undefined;

/**
 * The process's evaluator, which templates, `when`, `for_each` and the step context use. One per
 * process, since its expression process is a resource of the process, like a thread pool.
 */
export function defaultExpressionEvaluator(): ExpressionEvaluator {
  return (current ??= createExpressionEvaluator());
}

/**
 * Sets the limits of the process's evaluator (the runtime does, from its settings). Evaluations
 * already running finish under the limits they started with.
 */
export function configureExpressionEvaluator(limits: Partial<ExpressionLimits>): ExpressionEvaluator {
  const next = createExpressionEvaluator(limits);
  if (current && sameLimits(current.limits, next.limits)) return current;
  current?.close();
  return (current = next);
}

function sameLimits(a: Readonly<ExpressionLimits>, b: Readonly<ExpressionLimits>): boolean {
  return (Object.keys(a) as (keyof ExpressionLimits)[]).every((key) => a[key] === b[key]);
}
