import { lazyRequire } from '@dwc/sdk';
import type jsonata from 'jsonata';
import { ExpressionError, toExpressionError } from './expression-error.js';
import { guardForMainThread, type MainThreadGuardLimits } from './main-thread-guards.js';
import { originalPosition, rewriteOperators } from './rewrite-operators.js';

/** An expression ready to evaluate on the main thread. */
export interface CompiledExpression {
  /** The text the author wrote. */
  source: string;
  /** The JSONata text that runs (after operator rewriting); what the expression process compiles. */
  jsonataSource: string;
  /** Compiled for the main thread: its clock stops it after the slice, its guards before a big allocation. */
  jsonata: jsonata.Expression;
  /** Maps a JSONata position back to `source`. */
  mapPosition(position: number): number;
  /** The names of a plain dotted path (`steps.fetch.output.body`), which can be read without JSONata. */
  path: readonly string[] | undefined;
  /** Whether the expression skips the main thread and always runs in the expression process. */
  offloadOnly: boolean;
}

export interface MainThreadLimits extends MainThreadGuardLimits {
  /** How long one evaluation may hold the main thread before it is handed to the expression process. */
  sliceMs: number;
  /** Deepest nesting of JSONata evaluation frames (non-tail recursion grows it). */
  maxDepth: number;
}

const loadJsonata = lazyRequire<typeof jsonata>(import.meta.url, 'jsonata');

const DOTTED_PATH = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/;
/** Words JSONata reads as literals or operators, never as field names. */
const RESERVED = new Set(['true', 'false', 'null', 'and', 'or', 'in', 'function']);

function dottedPath(source: string): readonly string[] | undefined {
  if (!DOTTED_PATH.test(source)) return undefined;
  const names = source.trim().split('.');
  return names.some((name) => RESERVED.has(name)) ? undefined : names;
}

/**
 * Compiles `source` (JSONata, also accepting `==`, `&&` and `||`) for the main thread under
 * `limits`. Throws ExpressionError on a syntax error, with the position in the author's text.
 */
export function compileExpression(source: string, limits: MainThreadLimits): CompiledExpression {
  if (source.trim() === '') {
    throw new ExpressionError('the expression is empty', { expression: source, position: 0, token: null, jsonata_code: null });
  }
  const rewritten = rewriteOperators(source);
  const mapPosition = (position: number): number => originalPosition(rewritten, position);
  let compiled: jsonata.Expression;
  try {
    // JSONata's own guardrails rather than `__evaluate_entry` hooks: they keep their clock per
    // evaluation, and cost no extra await per step.
    compiled = loadJsonata()(rewritten.source, { timeout: limits.sliceMs, stack: limits.maxDepth });
  } catch (error) {
    throw toExpressionError(error, source, mapPosition);
  }
  const { offloadOnly } = guardForMainThread(compiled, limits);
  return { source, jsonataSource: rewritten.source, jsonata: compiled, mapPosition, path: dottedPath(source), offloadOnly };
}
