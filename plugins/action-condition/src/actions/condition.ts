import { defineAction, InputError, z } from '@dwc/sdk';
import { evaluate, operatorSchema, UNARY_OPERATORS } from '../common/operators.js';
import { isTruthy } from '../common/values.js';
import { conditionEs } from '../i18n-es.js';

const truthinessInput = z
  .object({
    value: z.unknown().optional().describe('Checked for truthiness: false, null, 0, "", [] and {} (and a missing value) are false.'),
  })
  .strict()
  .describe('Truthiness check of one value.');

const comparisonInput = z
  .object({
    left: z.unknown().optional().describe('The value to test, usually a template such as {{ steps.fetch.output.status }}. Missing counts as undefined.'),
    operator: operatorSchema,
    right: z.unknown().optional().describe('The value to compare with; not used by exists and empty. For matches: a pattern string or { pattern, flags }.'),
  })
  .strict()
  .describe('Comparison of left and right with an operator.');

export const conditionInputSchema = z.union([truthinessInput, comparisonInput]);

export const conditionOutputSchema = z.object({
  result: z.boolean().describe('Whether the condition holds.'),
  branch: z.enum(['true', 'false']).describe('The result as a branch name.'),
});

/** Evaluates a truthiness check or a comparison; a workflow branches with `when: "{{ steps.<id>.output.result }}"`. */
export const conditionAction = defineAction({
  type: 'condition',
  title: 'Condition',
  description: 'Tests a value for truthiness, or compares two values with an operator, and returns result and branch.',
  i18n: conditionEs,
  input: conditionInputSchema,
  output: conditionOutputSchema,
  pure: true,
  run: async (input) => {
    let result: boolean;
    if ('operator' in input) {
      if (!UNARY_OPERATORS.has(input.operator) && input.right === undefined) {
        throw new InputError(`Operator "${input.operator}" needs a "right" value to compare with.`, {
          code: 'missing_right',
          details: { field: 'right', operator: input.operator },
        });
      }
      result = evaluate(input.operator, input.left, input.right);
    } else {
      result = isTruthy(input.value);
    }
    return { result, branch: result ? ('true' as const) : ('false' as const) };
  },
});
