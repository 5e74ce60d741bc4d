import { InputError, type StepContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { conditionAction } from './condition.js';

const check = (input: Record<string, unknown>) => conditionAction.run(conditionAction.input.parse(input), {} as StepContext);
const result = async (input: Record<string, unknown>) => (await check(input)).result;

describe('condition: truthiness of value', () => {
  it.each([false, null, undefined, 0, '', [], {}])('treats %j as false', async (value) => {
    await expect(check({ value })).resolves.toEqual({ result: false, branch: 'false' });
  });

  it.each([true, 1, -1, 'false', '0', ' ', [0], { a: null }])('treats %j as true', async (value) => {
    await expect(check({ value })).resolves.toEqual({ result: true, branch: 'true' });
  });

  it('treats a missing value as false', async () => {
    await expect(result({})).resolves.toBe(false);
  });
});

describe('condition: operators', () => {
  it('eq and ne use deep equality without type coercion', async () => {
    await expect(result({ left: { a: [1, { b: 'x' }] }, operator: 'eq', right: { a: [1, { b: 'x' }] } })).resolves.toBe(true);
    await expect(result({ left: { a: 1, b: 2 }, operator: 'eq', right: { b: 2, a: 1 } })).resolves.toBe(true);
    await expect(result({ left: [1, 2], operator: 'eq', right: [2, 1] })).resolves.toBe(false);
    await expect(result({ left: 1, operator: 'eq', right: '1' })).resolves.toBe(false);
    await expect(result({ left: { a: 1 }, operator: 'eq', right: { a: 1, b: undefined } })).resolves.toBe(false);
    await expect(result({ left: null, operator: 'eq', right: null })).resolves.toBe(true);
    await expect(result({ left: 'a', operator: 'ne', right: 'b' })).resolves.toBe(true);
    await expect(result({ left: [1], operator: 'ne', right: [1] })).resolves.toBe(false);
  });

  it('eq ignores object prototypes', async () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    await expect(result({ left: bare, operator: 'eq', right: { a: 1 } })).resolves.toBe(true);
  });

  it('gt/gte/lt/lte compare numbers', async () => {
    await expect(result({ left: 10, operator: 'gt', right: 9 })).resolves.toBe(true);
    await expect(result({ left: 9, operator: 'gt', right: 9 })).resolves.toBe(false);
    await expect(result({ left: 9, operator: 'gte', right: 9 })).resolves.toBe(true);
    await expect(result({ left: -1.5, operator: 'lt', right: 0 })).resolves.toBe(true);
    await expect(result({ left: 3, operator: 'lte', right: 2 })).resolves.toBe(false);
  });

  it('compares ISO dates in time, whatever their offsets', async () => {
    await expect(result({ left: '2024-01-01T10:00:00+02:00', operator: 'lt', right: '2024-01-01T09:00:00Z' })).resolves.toBe(true);
    await expect(result({ left: '2024-03-01', operator: 'gt', right: '2024-02-28T23:59:59Z' })).resolves.toBe(true);
    await expect(result({ left: '2024-01-01T00:00:00Z', operator: 'gte', right: '2024-01-01T00:00:00.000Z' })).resolves.toBe(true);
    await expect(result({ left: new Date('2024-01-02'), operator: 'gt', right: '2024-01-01' })).resolves.toBe(true);
  });

  it('compares other strings by code unit', async () => {
    await expect(result({ left: 'apple', operator: 'lt', right: 'banana' })).resolves.toBe(true);
    await expect(result({ left: 'B', operator: 'lt', right: 'a' })).resolves.toBe(true);
    await expect(result({ left: '10', operator: 'lt', right: '9' })).resolves.toBe(true);
  });

  it('refuses to order mixed types, naming both', async () => {
    await expect(check({ left: 5, operator: 'gt', right: '4' })).rejects.toThrow('got number and string');
    await expect(check({ left: null, operator: 'lt', right: 1 })).rejects.toThrow('got null and number');
    await expect(check({ left: true, operator: 'gte', right: false })).rejects.toBeInstanceOf(InputError);
    await expect(check({ left: [1], operator: 'lte', right: [2] })).rejects.toMatchObject({ details: { left_type: 'array', right_type: 'array' } });
  });

  it('contains and not_contains look for substrings and array elements', async () => {
    await expect(result({ left: 'hello world', operator: 'contains', right: 'lo w' })).resolves.toBe(true);
    await expect(result({ left: 'hello', operator: 'contains', right: '' })).resolves.toBe(true);
    await expect(result({ left: ['a', { id: 2 }], operator: 'contains', right: { id: 2 } })).resolves.toBe(true);
    await expect(result({ left: [1, 2], operator: 'contains', right: '1' })).resolves.toBe(false);
    await expect(result({ left: 'hello', operator: 'not_contains', right: 'z' })).resolves.toBe(true);
    await expect(result({ left: [1, 2], operator: 'not_contains', right: 2 })).resolves.toBe(false);
    await expect(check({ left: 'abc', operator: 'contains', right: 1 })).rejects.toThrow('got string and number');
    await expect(check({ left: { a: 1 }, operator: 'contains', right: 'a' })).rejects.toBeInstanceOf(InputError);
  });

  it('starts_with and ends_with need two strings', async () => {
    await expect(result({ left: 'invoice-42.pdf', operator: 'starts_with', right: 'invoice-' })).resolves.toBe(true);
    await expect(result({ left: 'invoice-42.pdf', operator: 'ends_with', right: '.pdf' })).resolves.toBe(true);
    await expect(result({ left: 'invoice-42.pdf', operator: 'ends_with', right: '.PDF' })).resolves.toBe(false);
    await expect(check({ left: 42, operator: 'starts_with', right: '4' })).rejects.toThrow('needs two strings, but got number and string');
  });

  it('matches tests a regular expression, with optional flags', async () => {
    await expect(result({ left: 'Order #123', operator: 'matches', right: '#\\d+$' })).resolves.toBe(true);
    await expect(result({ left: 'Order', operator: 'matches', right: '^order$' })).resolves.toBe(false);
    await expect(result({ left: 'Order', operator: 'matches', right: { pattern: '^order$', flags: 'i' } })).resolves.toBe(true);
  });

  it('matches refuses long, invalid or non-string patterns and stateful flags', async () => {
    await expect(check({ left: 'a', operator: 'matches', right: 'a'.repeat(201) })).rejects.toMatchObject({ code: 'pattern_too_long' });
    await expect(result({ left: 'a', operator: 'matches', right: 'a'.repeat(200) })).resolves.toBe(false);
    await expect(check({ left: 'a', operator: 'matches', right: '(' })).rejects.toMatchObject({ code: 'invalid_pattern' });
    await expect(check({ left: 'a', operator: 'matches', right: { pattern: 'a', flags: 'g' } })).rejects.toMatchObject({ code: 'invalid_pattern' });
    await expect(check({ left: 'a', operator: 'matches', right: 5 })).rejects.toMatchObject({ code: 'invalid_pattern' });
    await expect(check({ left: 5, operator: 'matches', right: '5' })).rejects.toThrow('needs a string on the left');
  });

  it('matches stops a catastrophically backtracking pattern instead of hanging', async () => {
    const started = performance.now();
    await expect(check({ left: `${'a'.repeat(40)}b`, operator: 'matches', right: '^(a+)+$' })).rejects.toMatchObject({ code: 'pattern_too_slow' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('exists is true for anything but null and a missing left', async () => {
    await expect(result({ left: 0, operator: 'exists' })).resolves.toBe(true);
    await expect(result({ left: '', operator: 'exists' })).resolves.toBe(true);
    await expect(result({ left: null, operator: 'exists' })).resolves.toBe(false);
    await expect(result({ operator: 'exists' })).resolves.toBe(false);
  });

  it('empty is true for null, missing, "", [] and {} but not for 0 or false', async () => {
    for (const left of [null, undefined, '', [], {}]) await expect(result({ left, operator: 'empty' })).resolves.toBe(true);
    for (const left of [0, false, ' ', [null], { a: 1 }]) await expect(result({ left, operator: 'empty' })).resolves.toBe(false);
  });

  it('in looks for left among the right array, or inside the right string', async () => {
    await expect(result({ left: 'b', operator: 'in', right: ['a', 'b'] })).resolves.toBe(true);
    await expect(result({ left: { id: 1 }, operator: 'in', right: [{ id: 1 }] })).resolves.toBe(true);
    await expect(result({ left: 3, operator: 'in', right: [1, 2] })).resolves.toBe(false);
    await expect(result({ left: 'ell', operator: 'in', right: 'hello' })).resolves.toBe(true);
    await expect(check({ left: 1, operator: 'in', right: { 1: true } })).rejects.toThrow('needs an array on the right');
  });

  it('requires right for binary operators', async () => {
    await expect(check({ left: 1, operator: 'eq' })).rejects.toMatchObject({ code: 'missing_right', details: { field: 'right' } });
  });
});

describe('condition: input validation', () => {
  it('refuses an unknown operator, mixed shapes and stray fields', () => {
    expect(conditionAction.input.safeParse({ left: 1, operator: 'approx', right: 1 }).success).toBe(false);
    expect(conditionAction.input.safeParse({ value: 1, operator: 'eq', right: 1 }).success).toBe(false);
    expect(conditionAction.input.safeParse({ left: 1, operator: 'eq', rigth: 1 }).success).toBe(false);
  });

  it('returns output that passes its own schema', async () => {
    expect(conditionAction.output.parse(await check({ left: 1, operator: 'lt', right: 2 }))).toEqual({ result: true, branch: 'true' });
  });
});
