import { describe, expect, it } from 'vitest';
import { splitTemplates, underTemplate } from './split-templates.js';

describe('splitTemplates', () => {
  it('marks every string holding an expression or a placeholder, keeping its key with no value', () => {
    const { literal, templates } = splitTemplates({ a: '{{ input.a }}', b: { c: ['x', 'Hi {name}'] }, d: 3, e: 'plain' });
    expect(templates).toEqual([['a'], ['b', 'c', 1]]);
    expect(literal).toEqual({ a: undefined, b: { c: ['x', undefined] }, d: 3, e: 'plain' });
    expect(Object.keys(literal as object)).toContain('a');
  });

  it('resolves escaped braces in literal text and leaves JSONata object braces alone', () => {
    expect(splitTemplates({ a: '\\{id}', b: '{ "n": 1 }' })).toEqual({ literal: { a: '{id}', b: '{ "n": 1 }' }, templates: [] });
  });
});

describe('underTemplate', () => {
  it('holds for a template path and what lies below it, not beside it', () => {
    expect(underTemplate(['a', 'b'], [['a']])).toBe(true);
    expect(underTemplate(['a'], [['a']])).toBe(true);
    expect(underTemplate(['ab'], [['a']])).toBe(false);
    expect(underTemplate(['list', 1], [['list', '1']])).toBe(true);
  });
});
