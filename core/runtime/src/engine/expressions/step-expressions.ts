import type { StepExpressions } from '@dwc/sdk';
import { defaultExpressionEvaluator } from './default-evaluator.js';

/** `ctx.expressions` of one step attempt: the process's evaluator, abandoned when `signal` aborts. */
export function stepExpressions(signal: AbortSignal): StepExpressions {
  return {
    evaluate: async (expression, data, bindings) => defaultExpressionEvaluator().evaluate(expression, data, { bindings, signal }),
  };
}
