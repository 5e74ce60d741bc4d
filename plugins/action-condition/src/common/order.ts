import { InputError } from '@dwc/sdk';
import { typeName } from './values.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Milliseconds since the epoch for an ISO-8601 date or date-time; one without an offset is read as UTC. */
export function isoDateTime(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const hasTime = value.length > 10;
  const time = Date.parse(hasTime && match[1] === undefined ? `${value}Z` : value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Orders two values for gt/gte/lt/lte: two numbers numerically, two dates (Date objects or ISO
 * strings) in time, two other strings by code unit. Anything else, mixed types included, is an
 * InputError naming both types.
 */
export function compareValues(operator: string, left: unknown, right: unknown): number {
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  const leftTime = left instanceof Date ? left.getTime() : typeof left === 'string' ? isoDateTime(left) : undefined;
  const rightTime = right instanceof Date ? right.getTime() : typeof right === 'string' ? isoDateTime(right) : undefined;
  if (leftTime !== undefined && rightTime !== undefined) return Math.sign(leftTime - rightTime);
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  throw new InputError(
    `Operator "${operator}" compares two numbers, two ISO dates or two strings, but got ${typeName(left)} and ${typeName(right)}.`,
    { code: 'incomparable_types', details: { operator, left_type: typeName(left), right_type: typeName(right) } },
  );
}
