import type { JsonValue } from '../../storage/json-value.js';
import { compileExpression } from './compile-expression.js';
import type { ExpressionLimits } from './compile-expression.js';
import { toExpressionError } from './expression-error.js';

/** What a step's earlier steps look like to an expression: `steps.fetch.output.body`. */
export interface StepScope {
  output?: unknown;
  status?: string;
}

/**
 * The data an expression reads. Names are data paths: `input.topic`, `steps.fetch.output.body`,
 * `item.name`, `index`, `execution.id`, `workflow.version`. A step id with `-` must be quoted
 * with backticks in JSONata: ``steps.`fetch-page`.output``.
 */
export interface ExpressionScope {
  input?: unknown;
  steps?: Record<string, StepScope>;
  /** The current element of a `for_each` list. */
  item?: unknown;
  /** The position of `item` in its list, from 0. */
  index?: number;
  execution?: { id: string };
  workflow?: { id: string; version: number };
}

/**
 * Evaluates `source` against `scope` and returns plain JSON. `undefined` means "no match" and is
 * returned as is, for the caller to decide. Throws ExpressionError when the expression does not
 * compile, fails, runs longer than `limits.timeoutMs` or recurses deeper than `limits.maxDepth`.
 */
export async function evaluateExpression(
  source: string,
  scope: ExpressionScope,
  limits?: ExpressionLimits,
): Promise<JsonValue | undefined> {
  return evaluateEagerly(source, scope, limits);
}

/**
 * {@link evaluateExpression}, answering a plain dotted path (most templates) at once rather than
 * in a promise: the value, or a promise when JSONata has to run. Throws a syntax error at once.
 */
export function evaluateEagerly(source: string, scope: ExpressionScope, limits?: ExpressionLimits): JsonValue | undefined | Promise<JsonValue | undefined> {
  const compiled = compileExpression(source, limits);
  if (compiled.path !== undefined) {
    const found = readPath(scope, compiled.path);
    if (found !== NEEDS_JSONATA) return toPlainJson(found);
  }
  return evaluateWithJsonata(compiled, source, scope);
}

async function evaluateWithJsonata(compiled: ReturnType<typeof compileExpression>, source: string, scope: ExpressionScope): Promise<JsonValue | undefined> {
  let result: unknown;
  try {
    result = await compiled.jsonata.evaluate(scope);
  } catch (error) {
    throw toExpressionError(error, source, compiled.mapPosition);
  }
  return toPlainJson(result);
}

const NEEDS_JSONATA = Symbol('needs JSONata');

/**
 * Reads a dotted path through plain objects as JSONata would, which is most templates
 * (`{{ steps.fetch.output.body }}`). Arrays anywhere on the way get JSONata's own sequence
 * semantics (mapping, flattening), so those are left to it.
 */
function readPath(scope: ExpressionScope, names: readonly string[]): unknown {
  let current: unknown = scope;
  for (const name of names) {
    if (Array.isArray(current)) return NEEDS_JSONATA;
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return Array.isArray(current) ? NEEDS_JSONATA : current;
}

/**
 * Reduces a JSONata result to what JSON can hold: sequences become plain arrays, functions and
 * `undefined` vanish from objects and become null in arrays, non-finite numbers become null.
 */
export function toPlainJson(value: unknown): JsonValue | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((element) => toPlainJson(element) ?? null);
  if (typeof value === 'object') {
    if (isJsonataFunction(value)) return undefined;
    const object: Record<string, JsonValue> = {};
    for (const [key, element] of Object.entries(value)) {
      const plain = toPlainJson(element);
      if (plain !== undefined) object[key] = plain;
    }
    return object;
  }
  return undefined;
}

/** JSONata lambdas and partial applications are objects, not JavaScript functions. */
function isJsonataFunction(value: object): boolean {
  return '_jsonata_lambda' in value || '_jsonata_function' in value;
}
