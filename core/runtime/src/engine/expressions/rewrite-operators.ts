import { endOfComment, endOfQuoted, isQuote } from './string-literals.js';

/** An expression rewritten into JSONata syntax, with a map back to the author's positions. */
export interface RewrittenExpression {
  source: string;
  /** `positions[i]` is the index in the original text of index `i` of `source` (and of its end). */
  positions: number[];
}

const REPLACEMENTS: Record<string, string> = { '==': '=', '&&': ' and ', '||': ' or ' };

/**
 * Rewrites the C-style operators people write in templates (`==`, `&&`, `||`) into JSONata's
 * (`=`, `and`, `or`), leaving string literals, quoted names and comments untouched. `!=` is already
 * JSONata.
 */
export function rewriteOperators(expression: string): RewrittenExpression {
  let source = '';
  const positions: number[] = [];
  const copy = (from: number, to: number): void => {
    source += expression.slice(from, to);
    for (let k = from; k < to; k += 1) positions.push(k);
  };
  let i = 0;
  while (i < expression.length) {
    const char = expression[i];
    if (isQuote(char)) {
      const end = endOfQuoted(expression, i);
      copy(i, end);
      i = end;
      continue;
    }
    if (char === '/' && expression[i + 1] === '*') {
      const end = endOfComment(expression, i);
      copy(i, end);
      i = end;
      continue;
    }
    const replacement = REPLACEMENTS[expression.slice(i, i + 2)];
    if (replacement !== undefined) {
      source += replacement;
      for (let k = 0; k < replacement.length; k += 1) positions.push(i);
      i += 2;
      continue;
    }
    copy(i, i + 1);
    i += 1;
  }
  positions.push(expression.length);
  return { source, positions };
}

/** Maps a position in the rewritten source back to the text the author wrote. */
export function originalPosition(rewritten: RewrittenExpression, position: number): number {
  const clamped = Math.min(Math.max(position, 0), rewritten.positions.length - 1);
  return rewritten.positions[clamped] ?? position;
}
