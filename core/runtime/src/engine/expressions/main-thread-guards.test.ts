import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { guardForMainThread, isOffloadSignal } from './main-thread-guards.js';

const limits = { maxRangeItems: 100, maxPadWidth: 50 };

function guarded(source: string) {
  const expression = jsonata(source);
  return { expression, ...guardForMainThread(expression, limits) };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('main-thread guards', () => {
  it('leave the results of ranges and $pad within the limits as JSONata gives them', async () => {
    for (const [source, data] of [['[1..5]', {}], ['[n..n+3]', { n: 2 }], ['$count([1..100])', {}], ['$pad("x", 4) & "|"', {}], ['$pad("x", -4)', {}], ['[1..missing]', {}], ['[3..1]', {}]] as const) {
      await expect(guarded(source).expression.evaluate(data), source).resolves.toEqual(await jsonata(source).evaluate(data));
    }
  });

  it('stop a range or $pad over the limits before JSONata allocates it', async () => {
    expect(isOffloadSignal(await thrown(guarded('$count([1..n])').expression.evaluate({ n: 101 })), 50)).toBe(true);
    expect(isOffloadSignal(await thrown(guarded('$pad("", width)').expression.evaluate({ width: -51 })), 50)).toBe(true);
  });

  it('leave a range over JSONata\'s own cap to JSONata, which refuses it at once', async () => {
    expect(await thrown(guarded('[1..20000000]').expression.evaluate({}))).toMatchObject({ code: 'D2014' });
  });

  it('send regular expressions, $eval and $pad used as a value past the main thread', () => {
    expect(guarded('$match(x, /a+/)').offloadOnly).toBe(true);
    expect(guarded('$eval("1")').offloadOnly).toBe(true);
    expect(guarded('($p := $pad; $p("x", 100000000))').offloadOnly).toBe(true);
    expect(guarded('$pad("x", 3) & $string([1..3])').offloadOnly).toBe(false);
  });

  it('tell the main thread\'s slice timeout from other JSONata errors', () => {
    expect(isOffloadSignal({ code: 'D1012', value: 50 }, 50)).toBe(true);
    expect(isOffloadSignal({ code: 'D1012', value: 5000 }, 50)).toBe(false);
    expect(isOffloadSignal({ code: 'T2001' }, 50)).toBe(false);
  });
});
