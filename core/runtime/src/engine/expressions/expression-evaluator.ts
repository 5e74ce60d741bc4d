import { LRUCache } from 'lru-cache';
import type { JsonValue } from '../../storage/json-value.js';
import { compileExpression, type CompiledExpression } from './compile-expression.js';
import { toExpressionError } from './expression-error.js';
import { createExpressionProcessPool } from './expression-process-pool.js';
import { isOffloadSignal } from './main-thread-guards.js';
import { toPlainJson } from './to-plain-json.js';

/** Bounds on evaluating one expression. */
export interface ExpressionLimits {
  /** Wall-clock limit of one evaluation (`DWC_EXPRESSION_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Heap of the expression process, which runs whatever outgrows the main thread (`DWC_EXPRESSION_MEMORY_MB`). */
  memoryMb: number;
  /** How long one evaluation may hold the main thread before the expression process takes it over. */
  sliceMs: number;
  /** Deepest nesting of JSONata evaluation frames (non-tail recursion grows it). */
  maxDepth: number;
  /** Largest range (`[1..n]`) built on the main thread; a larger one goes to the expression process. */
  maxRangeItems: number;
  /** Widest `$pad` built on the main thread. */
  maxPadWidth: number;
  /** The expression process exits after this long without work. */
  idleMs: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  timeoutMs: 5_000,
  memoryMb: 256,
  sliceMs: 50,
  maxDepth: 500,
  maxRangeItems: 100_000,
  maxPadWidth: 100_000,
  idleMs: 60_000,
});

export interface EvaluateOptions {
  /** JSONata variables (`$name`), plain data only. */
  bindings?: Readonly<Record<string, unknown>> | undefined;
  /** Abandons the evaluation (and ends the expression process if it holds it). */
  signal?: AbortSignal | undefined;
}

type Eventually<T> = T | Promise<T>;

/** Evaluates every user expression: templates, `when`, `for_each` and the actions' own. */
export interface ExpressionEvaluator {
  readonly limits: Readonly<ExpressionLimits>;
  /** Compiles (once; the result is cached) or throws ExpressionError naming the position. */
  compile(source: string): CompiledExpression;
  /**
   * Evaluates `source` over `data` to plain JSON; `undefined` means no match. A plain dotted path
   * answers at once, anything else in a promise. Throws ExpressionError: a syntax error at once,
   * an evaluation error, or ExpressionLimitError past a limit.
   */
  evaluate(source: string, data: unknown, options?: EvaluateOptions): Eventually<JsonValue | undefined>;
  /** How many evaluations left the main thread, and how many times the expression process started. */
  stats(): { offloaded: number; processStarts: number };
  /** Ends the expression process once it has answered what it holds. */
  close(): void;
}

const MAX_CACHED = 1000;

/**
 * An evaluator that runs each expression on the main thread while it is cheap, and hands it to a
 * child process when it is not: when it holds the main thread past `sliceMs`, builds a large range
 * or `$pad`, or uses a regular expression or `$eval`. JSONata expressions are pure, so running one
 * again from the start is safe. In the process the full `timeoutMs` and `memoryMb` apply, and going
 * past either ends the process, never the server.
 */
export function createExpressionEvaluator(overrides: Partial<ExpressionLimits> = {}): ExpressionEvaluator {
  const limits: Readonly<ExpressionLimits> = Object.freeze({ ...DEFAULT_EXPRESSION_LIMITS, ...overrides });
  const cache = new LRUCache<string, CompiledExpression>({ max: MAX_CACHED });
  const pool = createExpressionProcessPool(limits);

  const compile = (source: string): CompiledExpression => {
    let compiled = cache.get(source);
    if (compiled === undefined) {
      compiled = compileExpression(source, limits);
      cache.set(source, compiled);
    }
    return compiled;
  };

  const offload = (compiled: CompiledExpression, data: unknown, options: EvaluateOptions | undefined) =>
    pool.run({
      expression: compiled.source, jsonataSource: compiled.jsonataSource, mapPosition: compiled.mapPosition, data, bindings: options?.bindings, signal: options?.signal,
    });

  const evaluateOnMainThread = async (compiled: CompiledExpression, data: unknown, options: EvaluateOptions | undefined): Promise<JsonValue | undefined> => {
    let result: unknown;
    try {
      result = await compiled.jsonata.evaluate(data, options?.bindings as Record<string, unknown> | undefined);
    } catch (error) {
      if (isOffloadSignal(error, limits.sliceMs)) return offload(compiled, data, options);
      throw toExpressionError(error, compiled.source, compiled.mapPosition);
    }
    return toPlainJson(result);
  };

  return {
    limits,
    compile,
    evaluate(source, data, options) {
      const compiled = compile(source);
      if (compiled.path !== undefined && options?.bindings === undefined) {
        const found = readPath(data, compiled.path);
        if (found !== NEEDS_JSONATA) return toPlainJson(found);
      }
      return compiled.offloadOnly ? offload(compiled, data, options) : evaluateOnMainThread(compiled, data, options);
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

const NEEDS_JSONATA = Symbol('needs JSONata');

/**
 * Reads a dotted path through plain objects as JSONata would, which is most templates
 * (`{{ steps.fetch.output.body }}`). Arrays anywhere on the way get JSONata's own sequence
 * semantics (mapping, flattening), so those are left to it.
 */
function readPath(data: unknown, names: readonly string[]): unknown {
  let current: unknown = data;
  for (const name of names) {
    if (Array.isArray(current)) return NEEDS_JSONATA;
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return Array.isArray(current) ? NEEDS_JSONATA : current;
}
