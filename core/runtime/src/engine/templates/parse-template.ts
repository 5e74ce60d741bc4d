import { ExpressionError } from '../expressions/expression-error.js';
import { endOfComment, endOfQuoted, isQuote } from '../expressions/string-literals.js';

/** One piece of a template string. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `{{ source }}`; `offset` is where `source` starts in the template. */
  | { kind: 'expression'; source: string; offset: number }
  /** `{a.b}`: a path into the run's input; `raw` is the text to keep when the input lacks it. */
  | { kind: 'placeholder'; path: string[]; raw: string };

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}/;

/**
 * Splits a template string into text, `{{ expression }}` and `{placeholder}` parts. `\{{` and
 * `\{` stand for literal braces. Throws ExpressionError when a `{{` is never closed.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  const flushText = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    const char = template[i];
    if (char === '\\' && template[i + 1] === '{') {
      const literal = template[i + 2] === '{' ? '{{' : '{';
      text += literal;
      i += 1 + literal.length;
      continue;
    }
    if (char === '{' && template[i + 1] === '{') {
      const end = endOfExpression(template, i + 2);
      flushText();
      parts.push({ kind: 'expression', source: template.slice(i + 2, end).trim(), offset: i + 2 });
      i = end + 2;
      continue;
    }
    if (char === '{') {
      const match = PLACEHOLDER.exec(template.slice(i));
      if (match?.[1] !== undefined) {
        flushText();
        parts.push({ kind: 'placeholder', path: match[1].split('.'), raw: match[0] });
        i += match[0].length;
        continue;
      }
    }
    text += char;
    i += 1;
  }
  flushText();
  return parts;
}

/** Whether `template` holds anything to resolve, so plain strings can skip parsing. */
export function mayBeTemplate(template: string): boolean {
  return template.includes('{');
}

/**
 * Finds the `}}` closing the expression that starts at `start`: braces of object literals and
 * blocks nest, and braces inside string literals and comments do not count.
 */
function endOfExpression(template: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < template.length) {
    const char = template[i];
    if (isQuote(char)) {
      i = endOfQuoted(template, i);
    } else if (char === '/' && template[i + 1] === '*') {
      i = endOfComment(template, i);
    } else if (char === '{') {
      depth += 1;
      i += 1;
    } else if (char === '}') {
      if (depth === 0 && template[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
      i += 1;
    } else {
      i += 1;
    }
  }
  throw new ExpressionError('"{{" is never closed: end the expression with "}}", or write "\\{{" for literal braces', {
    expression: template.slice(start - 2),
    position: start - 2,
    token: '{{',
    jsonata_code: null,
  });
}
