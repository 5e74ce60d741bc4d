import { InputError } from '@dwc/sdk';
import jsonata from 'jsonata';

type Expression = ReturnType<typeof jsonata>;

const MAX_CACHED = 500;
const compiled = new Map<string, Expression>();

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message: string;
}

/**
 * Compiles a JSONata expression once and reuses it: workflows run the same expressions again and
 * again. A syntax error becomes an InputError naming the position and offending token.
 */
export function compileExpression(source: string): Expression {
  const hit = compiled.get(source);
  if (hit) {
    compiled.delete(source);
    compiled.set(source, hit);
    return hit;
  }
  let expression: Expression;
  try {
    expression = jsonata(source);
  } catch (error) {
    throw expressionError(error as JsonataError, source);
  }
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(source, expression);
  return expression;
}

/**
 * Evaluates `source` against `data` and returns plain JSON: JSONata's "no match" (undefined)
 * becomes null, and its sequence arrays and function values are reduced to what JSON can hold.
 */
export async function evaluateExpression(source: string, data: unknown): Promise<unknown> {
  const expression = compileExpression(source);
  try {
    const result = await expression.evaluate(data);
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
  } catch (error) {
    throw expressionError(error as JsonataError, source);
  }
}

function expressionError(error: JsonataError, source: string): InputError {
  const where = error.position === undefined ? '' : ` at position ${error.position}`;
  const token = error.token === undefined ? '' : ` (near "${error.token}")`;
  return new InputError(`JSONata expression failed${where}${token}: ${error.message}`, {
    code: 'invalid_expression',
    details: { expression: source, position: error.position ?? null, jsonata_code: error.code ?? null },
  });
}
