import type { JsonValue } from '../../storage/json-value.js';
import { defaultExpressionEvaluator } from './default-evaluator.js';
import type { ExpressionEvaluator } from './expression-evaluator.js';

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
 * compile or fails, and ExpressionLimitError past a limit of `evaluator` (the process's by default).
 */
export async function evaluateExpression(
  source: string,
  scope: ExpressionScope,
  evaluator: ExpressionEvaluator = defaultExpressionEvaluator(),
): Promise<JsonValue | undefined> {
  return evaluator.evaluate(source, scope);
}

/**
 * {@link evaluateExpression}, answering a plain dotted path (most templates) at once rather than
 * in a promise: the value, or a promise when JSONata has to run. Throws a syntax error at once.
 */
export function evaluateEagerly(
  source: string,
  scope: ExpressionScope,
  evaluator: ExpressionEvaluator = defaultExpressionEvaluator(),
): JsonValue | undefined | Promise<JsonValue | undefined> {
  return evaluator.evaluate(source, scope);
}
