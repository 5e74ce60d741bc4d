import { defineAction, UnavailableError, z } from '@dwc/sdk';
import { transformEs } from '../i18n-es.js';

/**
 * Reshapes data with a JSONata expression (https://jsonata.org), evaluated by the host's
 * expression evaluator under its time and memory limits.
 */
export const transformAction = defineAction({
  type: 'transform',
  title: 'Transform data',
  description: 'Evaluates a JSONata expression over `data` and returns the result.',
  i18n: transformEs,
  input: z.object({
    expression: z.string().min(1).max(20_000).describe('JSONata expression, e.g. `items[price > 10].{ "name": title }`'),
    data: z.unknown().optional().describe('The value the expression reads; usually mapped from earlier steps.'),
  }),
  output: z.object({ result: z.unknown() }),
  pure: true,
  run: async (input, ctx) => {
    if (!ctx.expressions) {
      throw new UnavailableError('This host gives actions no expression evaluator (ctx.expressions); run the transform step in the dwc runtime.', { code: 'expressions_unavailable' });
    }
    // "Nothing matched" is null in the step's output.
    return { result: (await ctx.expressions.evaluate(input.expression, input.data ?? {})) ?? null };
  },
});
