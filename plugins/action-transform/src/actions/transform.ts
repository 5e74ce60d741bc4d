import { defineAction, z } from '@dwc/sdk';
import { evaluateExpression } from '../common/compile-expression.js';

/** Reshapes data with a JSONata expression (https://jsonata.org), evaluated without `eval`. */
export const transformAction = defineAction({
  type: 'transform',
  title: 'Transform data',
  description: 'Evaluates a JSONata expression over `data` and returns the result.',
  input: z.object({
    expression: z.string().min(1).max(20_000).describe('JSONata expression, e.g. `items[price > 10].{ "name": title }`'),
    data: z.unknown().optional().describe('The value the expression reads; usually mapped from earlier steps.'),
  }),
  output: z.object({ result: z.unknown() }),
  run: async (input) => ({ result: await evaluateExpression(input.expression, input.data ?? {}) }),
});
