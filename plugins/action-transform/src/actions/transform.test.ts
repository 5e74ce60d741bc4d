import { describe, expect, it } from 'vitest';
import { transformAction } from './transform.js';

const run = (expression: string, data?: unknown) =>
  transformAction.run(transformAction.input.parse({ expression, data }), {} as never);

describe('transform action', () => {
  it('reshapes data with a JSONata expression', async () => {
    const data = { items: [{ title: 'a', price: 5 }, { title: 'b', price: 15 }, { title: 'c', price: 25 }] };
    await expect(run('items[price > 10].title', data)).resolves.toEqual({ result: ['b', 'c'] });
  });

  it('builds new objects and aggregates', async () => {
    await expect(run('{ "total": $sum(n), "count": $count(n) }', { n: [1, 2, 3] })).resolves.toEqual({ result: { total: 6, count: 3 } });
  });

  it('returns null when the expression matches nothing', async () => {
    await expect(run('missing.field', { other: 1 })).resolves.toEqual({ result: null });
  });

  it('reports a syntax error with its position and code', async () => {
    await expect(run('items[price >', {})).rejects.toMatchObject({
      code: 'invalid_expression',
      message: expect.stringMatching(/^JSONata expression failed at position \d+/),
      details: { expression: 'items[price >' },
    });
  });

  it('reports an evaluation error such as calling an unknown function', async () => {
    await expect(run('$notAFunction(1)', {})).rejects.toMatchObject({ code: 'invalid_expression' });
  });

  it('cannot reach Node globals: names resolve only inside the data', async () => {
    await expect(run('$eval("process.exit(1)")', {})).resolves.toEqual({ result: null });
    await expect(run('process.env', {})).resolves.toEqual({ result: null });
    await expect(run('constructor', {})).resolves.toEqual({ result: null });
  });

  it('rejects an empty expression at input validation', () => {
    expect(transformAction.input.safeParse({ expression: '' }).success).toBe(false);
  });
});
