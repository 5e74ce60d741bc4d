import jsonata from 'jsonata';
import { LRUCache } from 'lru-cache';
import { ExpressionError, toExpressionError } from './expression-error.js';
import { originalPosition, rewriteOperators } from './rewrite-operators.js';

/** Bounds on one evaluation, so a runaway expression fails instead of hanging the worker. */
export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation. Checked between JSONata steps, not inside a built-in. */
  timeoutMs?: number;
  /** Deepest nesting of JSONata evaluation frames (non-tail recursion grows it). */
  maxDepth?: number;
}

/** Defaults: 1 s and 500 frames. */
export const DEFAULT_EXPRESSION_LIMITS: Readonly<Required<ExpressionLimits>> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 500,
});

/** An expression ready to evaluate, compiled once under fixed limits. */
export interface CompiledExpression {
  /** The text the author wrote. */
  source: string;
  /** The JSONata that runs (after operator rewriting). */
  jsonata: jsonata.Expression;
  /** Maps a JSONata position back to `source`. */
  mapPosition(position: number): number;
  /** The names of a plain dotted path (`steps.fetch.output.body`), which can be read without JSONata. */
  path: readonly string[] | undefined;
}

const DOTTED_PATH = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/;
/** Words JSONata reads as literals or operators, never as field names. */
const RESERVED = new Set(['true', 'false', 'null', 'and', 'or', 'in', 'function']);

function dottedPath(source: string): readonly string[] | undefined {
  if (!DOTTED_PATH.test(source)) return undefined;
  const names = source.trim().split('.');
  return names.some((name) => RESERVED.has(name)) ? undefined : names;
}

const MAX_CACHED = 1000;
const cache = new LRUCache<string, CompiledExpression>({ max: MAX_CACHED });

/**
 * Compiles `source` (JSONata, also accepting `==`, `&&` and `||`) under `limits`; the result is
 * cached, since workflows run the same expressions again and again. Throws ExpressionError on a
 * syntax error, with the position in the author's text.
 */
export function compileExpression(source: string, limits: ExpressionLimits = {}): CompiledExpression {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_EXPRESSION_LIMITS.timeoutMs;
  const maxDepth = limits.maxDepth ?? DEFAULT_EXPRESSION_LIMITS.maxDepth;
  const key = `${timeoutMs}:${maxDepth}:${source}`;
  const hit = cache.get(key);
  if (hit) return hit;

  if (source.trim() === '') {
    throw new ExpressionError('the expression is empty', { expression: source, position: 0, token: null, jsonata_code: null });
  }
  const rewritten = rewriteOperators(source);
  const mapPosition = (position: number): number => originalPosition(rewritten, position);
  let compiled: jsonata.Expression;
  try {
    // JSONata's own guardrails rather than `__evaluate_entry` hooks: they keep their clock per
    // evaluation, so concurrent evaluations of one cached expression cannot trip each other.
    compiled = jsonata(rewritten.source, { timeout: timeoutMs, stack: maxDepth });
  } catch (error) {
    throw toExpressionError(error, source, mapPosition);
  }
  const entry: CompiledExpression = { source, jsonata: compiled, mapPosition, path: dottedPath(source) };
  cache.set(key, entry);
  return entry;
}
