import { describe, expect, it } from 'vitest';
import { originalPosition, rewriteOperators } from './rewrite-operators.js';

describe('rewriteOperators', () => {
  it('turns ==, && and || into JSONata =, and, or', () => {
    expect(rewriteOperators('a == 1 && b || c != 2').source).toBe('a = 1  and  b  or  c != 2');
  });

  it('leaves string literals, quoted names and comments alone', () => {
    const source = `"a == b" & 'c && d' & \`e || f\` /* g == h */`;
    expect(rewriteOperators(source).source).toBe(source);
  });

  it('honours backslash escapes inside string literals', () => {
    expect(rewriteOperators(`"say \\"==\\" " == x`).source).toBe(`"say \\"==\\" " = x`);
  });

  it('keeps <=, >=, != and := as they are', () => {
    const source = '($x := 1; $x <= 2 and $x >= 0 and $x != 3)';
    expect(rewriteOperators(source).source).toBe(source);
  });

  it('maps positions in the rewritten text back to the original', () => {
    const rewritten = rewriteOperators('a && b');
    expect(rewritten.source).toBe('a  and  b');
    expect(originalPosition(rewritten, rewritten.source.indexOf('b'))).toBe(5);
  });
});
