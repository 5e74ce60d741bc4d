import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, so changing any of them throws', () => {
    const value = deepFreeze({ list: ['a'], nested: { deeper: { n: 1 } }, table: [{ x: 1 }] });
    expect(() => (value.list as string[]).push('b')).toThrow(TypeError);
    expect(() => ((value.nested.deeper as { n: number }).n = 2)).toThrow(TypeError);
    expect(() => ((value.table[0] as { x: number }).x = 2)).toThrow(TypeError);
    expect(value).toEqual({ list: ['a'], nested: { deeper: { n: 1 } }, table: [{ x: 1 }] });
  });

  it('freezes what sits under an object that was already frozen shallowly, and survives cycles', () => {
    const inner = { n: 1 };
    const cyclic: Record<string, unknown> = { inner };
    cyclic.self = cyclic;
    deepFreeze(Object.freeze(cyclic));
    expect(Object.isFrozen(inner)).toBe(true);
  });

  it('leaves class instances alone', () => {
    const date = new Date(0);
    deepFreeze({ date });
    expect(Object.isFrozen(date)).toBe(false);
  });
});
