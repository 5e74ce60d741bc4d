import { evaluateCondition } from '../engine/index.js';
import { valueAt } from './fill-placeholders.js';

/** One condition as a run reports it: what was expected, what the trigger data held, and whether it matched. */
export interface ConditionResult {
  field: string;
  expected: unknown;
  actual: unknown;
  matched: boolean;
}

/**
 * Checks an automation's conditions against the trigger data: each key (a dotted path) must equal
 * its value, or be one of them when the value is a list; `expression` (for `condition_based`) is
 * a JSONata expression over the trigger data that must be true.
 */
export async function matchConditions(conditions: Readonly<Record<string, unknown>>, data: Readonly<Record<string, unknown>>): Promise<ConditionResult[]> {
  const results: ConditionResult[] = [];
  for (const [field, expected] of Object.entries(conditions)) {
    if (field === 'expression' && typeof expected === 'string') {
      const matched = await evaluateCondition(`{{ ${expected} }}`, { input: data, steps: {}, execution: { id: '' }, workflow: { id: '', version: 0 } }, { stepId: 'conditions', path: 'expression' });
      results.push({ field, expected, actual: matched, matched });
      continue;
    }
    const actual = valueAt(data, field);
    const matched = Array.isArray(expected) ? expected.some((option) => sameJson(actual, option)) : sameJson(actual, expected);
    results.push({ field, expected, actual: actual ?? null, matched });
  }
  return results;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
