import type { JsonValue } from '../../storage/json-value.js';
import { ExpressionError } from '../expressions/expression-error.js';
import { evaluateExpression } from '../expressions/evaluate-expression.js';
import type { ExpressionScope } from '../expressions/evaluate-expression.js';
import { parseTemplate } from './parse-template.js';
import { TemplateError, atLocation } from './template-error.js';
import type { ResolveOptions } from './resolve-template.js';

/**
 * The expression inside a `when` or `for_each`: written bare (`input.n > 1`) or wrapped once
 * (`{{ input.n > 1 }}`). Throws ExpressionError when it mixes text and `{{ }}`.
 */
export function unwrapExpression(text: string): string {
  if (!text.includes('{{')) return text.trim();
  const parts = parseTemplate(text).filter((part) => part.kind !== 'text' || part.text.trim() !== '');
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'expression') return only.source;
  throw new ExpressionError('write one expression, either bare or as a single "{{ ... }}", not text around it', {
    expression: text,
    position: null,
    token: null,
    jsonata_code: null,
  });
}

/** JavaScript truthiness, except that an empty list is false too. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/**
 * Evaluates a step's `when`: false, null, no match, 0, '' and [] are false. Errors are
 * TemplateErrors at `options.path` (default `when`).
 */
export async function evaluateCondition(expression: string, scope: ExpressionScope, options: ResolveOptions = {}): Promise<boolean> {
  const location = { ...options, path: options.path ?? 'when' };
  return isTruthy(await evaluateAt(expression, scope, location));
}

/**
 * Evaluates a step's `for_each` to the list to fan out over. No match and null give [] (nothing
 * to do); any other value that is not a list is a TemplateError at `options.path` (default
 * `for_each`).
 */
export async function evaluateList(expression: string, scope: ExpressionScope, options: ResolveOptions = {}): Promise<JsonValue[]> {
  const location = { ...options, path: options.path ?? 'for_each' };
  const value = await evaluateAt(expression, scope, location);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  const source = safeUnwrap(expression);
  throw new TemplateError(
    location,
    `for_each must give a list, got ${describe(value)}; a path that matched one element can keep it a list with [] (e.g. "items[type='a'][]")`,
    source,
    null,
  );
}

async function evaluateAt(expression: string, scope: ExpressionScope, location: ResolveOptions): Promise<JsonValue | undefined> {
  try {
    return await evaluateExpression(unwrapExpression(expression), scope, location.evaluator);
  } catch (error) {
    throw atLocation(error, location);
  }
}

function safeUnwrap(expression: string): string {
  try {
    return unwrapExpression(expression);
  } catch {
    return expression;
  }
}

function describe(value: JsonValue): string {
  if (typeof value === 'object' && value !== null) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
