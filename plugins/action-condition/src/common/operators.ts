import { InputError, z } from '@dwc/sdk';
import { compareValues } from './order.js';
import { compilePattern, testWithTimeout } from './safe-regex.js';
import { deepEqual, isEmpty, typeName } from './values.js';

export const operatorSchema = z
  .enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'starts_with', 'ends_with', 'matches', 'exists', 'empty', 'in'])
  .describe(
    'eq/ne: deep equality; gt/gte/lt/lte: numbers, ISO dates or strings; contains/not_contains: substring or array element; ' +
      'starts_with/ends_with: strings; matches: regex on the right; exists: left is not null; empty: null, "", [] or {}; in: left is an element of the right array or a substring of the right string.',
  );
export type Operator = z.infer<typeof operatorSchema>;

/** Operators that read only `left`. */
export const UNARY_OPERATORS: ReadonlySet<Operator> = new Set(['exists', 'empty']);

function wrongTypes(operator: Operator, expected: string, left: unknown, right: unknown): InputError {
  return new InputError(`Operator "${operator}" needs ${expected}, but got ${typeName(left)} and ${typeName(right)}.`, {
    code: 'operand_type_mismatch',
    details: { operator, left_type: typeName(left), right_type: typeName(right) },
  });
}

function contains(operator: Operator, left: unknown, right: unknown): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left.includes(right);
  if (Array.isArray(left)) return left.some((item) => deepEqual(item, right));
  throw wrongTypes(operator, 'a string and a string, or an array and any value', left, right);
}

/** Evaluates `left <operator> right`; operand types an operator cannot handle are an InputError naming both. */
export function evaluate(operator: Operator, left: unknown, right: unknown): boolean {
  switch (operator) {
    case 'eq':
      return deepEqual(left, right);
    case 'ne':
      return !deepEqual(left, right);
    case 'gt':
      return compareValues(operator, left, right) > 0;
    case 'gte':
      return compareValues(operator, left, right) >= 0;
    case 'lt':
      return compareValues(operator, left, right) < 0;
    case 'lte':
      return compareValues(operator, left, right) <= 0;
    case 'contains':
      return contains(operator, left, right);
    case 'not_contains':
      return !contains(operator, left, right);
    case 'starts_with':
    case 'ends_with':
      if (typeof left !== 'string' || typeof right !== 'string') throw wrongTypes(operator, 'two strings', left, right);
      return operator === 'starts_with' ? left.startsWith(right) : left.endsWith(right);
    case 'matches':
      if (typeof left !== 'string') throw wrongTypes(operator, 'a string on the left', left, right);
      return testWithTimeout(compilePattern(right), left);
    case 'exists':
      return left !== undefined && left !== null;
    case 'empty':
      return isEmpty(left);
    case 'in':
      if (Array.isArray(right)) return right.some((item) => deepEqual(item, left));
      if (typeof left === 'string' && typeof right === 'string') return right.includes(left);
      throw wrongTypes(operator, 'an array on the right (or two strings)', left, right);
  }
}
