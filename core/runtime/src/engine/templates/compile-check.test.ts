import { describe, expect, it } from 'vitest';
import { compileCheck, compileCheckExpression } from './compile-check.js';

describe('compileCheck', () => {
  it('finds nothing wrong in templates whose expressions compile', () => {
    expect(compileCheck({ a: '{{ input.x }} and {{ $sum(input.list) }}', b: ['{topic}', 3, null] })).toEqual([]);
  });

  it('lists each expression that does not compile at its path, without evaluating anything', () => {
    const issues = compileCheck({ a: '{{ input.x + }}', b: ['ok', { c: 'x {{ ( }}' }], d: '{{ $missingFunction() }}' });
    expect(issues.map((issue) => issue.path)).toEqual([['a'], ['b', 1, 'c']]);
    expect(issues[0]?.message).toMatch(/JSONata expression failed/);
  });

  it('reports an unclosed {{', () => {
    expect(compileCheck('{{ input.x')).toHaveLength(1);
  });
});

describe('compileCheckExpression', () => {
  it('accepts a bare or wrapped expression and refuses a broken one', () => {
    expect(compileCheckExpression('input.x == 1')).toEqual([]);
    expect(compileCheckExpression('{{ input.x == 1 }}')).toEqual([]);
    expect(compileCheckExpression('input.x ==')).toHaveLength(1);
  });
});
