import { InputError } from '@dwc/sdk';

/** What JSONata throws: a plain object (not an Error) with a code, a position and a token. */
interface JsonataFailure {
  code?: unknown;
  position?: unknown;
  token?: unknown;
  message?: unknown;
}

export interface ExpressionErrorDetails {
  expression: string;
  /** Character offset in `expression` where JSONata stopped, when it says. */
  position: number | null;
  /** The token JSONata choked on, when it says. */
  token: string | null;
  /** JSONata's error code (`S0201`, `T2001`, `D1012`...), when it has one. */
  jsonata_code: string | null;
}

/** An expression failed to compile or to evaluate. Retrying will not help: the expression is wrong. */
export class ExpressionError extends InputError {
  readonly expression: string;
  readonly position: number | null;
  readonly token: string | null;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(reason: string, details: ExpressionErrorDetails, cause?: unknown, override?: { code: string; message: string; details: object }) {
    const where = details.position === null ? '' : ` at position ${details.position}`;
    const near = details.token === null ? '' : ` (near "${details.token}")`;
    super(override?.message ?? `JSONata expression failed${where}${near}: ${reason}`, {
      code: override?.code ?? 'invalid_expression',
      details: override ? { ...details, ...override.details } : details,
      cause,
    });
    this.expression = details.expression;
    this.position = details.position;
    this.token = details.token;
    this.reason = reason;
  }
}

/** The limit an expression ran into, and the setting that raises it (none for JSONata's own caps). */
export interface ExpressionLimit {
  code: 'expression_timeout' | 'expression_memory_limit' | 'expression_too_large';
  limit: number;
  unit: 'ms' | 'MB' | 'items';
  setting: string | null;
}

/**
 * An expression ran into a limit of the evaluator and was stopped: it ran too long, needed too much
 * memory, or asked for a sequence larger than JSONata allows. The message names the limit and the
 * setting that raises it.
 */
export class ExpressionLimitError extends ExpressionError {
  readonly limit: ExpressionLimit;

  constructor(expression: string, limit: ExpressionLimit, reason: string, cause?: unknown) {
    const raise = limit.setting === null ? '' : `, or raise ${limit.setting}`;
    super(reason, { expression, position: null, token: null, jsonata_code: null }, cause, {
      code: limit.code,
      message: `JSONata expression stopped: ${reason}; simplify it or give it less data at once${raise}`,
      details: { limit: limit.limit, unit: limit.unit, setting: limit.setting },
    });
    this.limit = limit;
  }
}

/** The evaluation ran past `timeoutMs` (`DWC_EXPRESSION_TIMEOUT_MS`). */
export function expressionTimeout(expression: string, timeoutMs: number, cause?: unknown): ExpressionLimitError {
  const limit: ExpressionLimit = { code: 'expression_timeout', limit: timeoutMs, unit: 'ms', setting: 'DWC_EXPRESSION_TIMEOUT_MS' };
  return new ExpressionLimitError(expression, limit, `it ran longer than its time limit of ${timeoutMs} ms`, cause);
}

/** The evaluation needed more heap than `memoryMb` (`DWC_EXPRESSION_MEMORY_MB`). */
export function expressionMemoryLimit(expression: string, memoryMb: number, cause?: unknown): ExpressionLimitError {
  const limit: ExpressionLimit = { code: 'expression_memory_limit', limit: memoryMb, unit: 'MB', setting: 'DWC_EXPRESSION_MEMORY_MB' };
  return new ExpressionLimitError(expression, limit, `it needed more than its memory limit of ${memoryMb} MB`, cause);
}

/** JSONata's cap on the range operator (`[1..n]` with n over 10,000,000), which no setting raises. */
const JSONATA_MAX_RANGE = 10_000_000;

/**
 * Turns whatever JSONata (or the JavaScript under it) threw into an ExpressionError about
 * `expression`. `mapPosition` translates JSONata's position in the compiled text back to the
 * author's text.
 */
export function toExpressionError(
  error: unknown,
  expression: string,
  mapPosition: (position: number) => number = (position) => position,
): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const failure: JsonataFailure = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const position = typeof failure.position === 'number' ? mapPosition(failure.position) : null;
  const token = typeof failure.token === 'string' || typeof failure.token === 'number' ? String(failure.token) : null;
  const reason = typeof failure.message === 'string' && failure.message !== '' ? failure.message : 'unknown error';
  const code = typeof failure.code === 'string' ? failure.code : null;
  if (code === 'D2014') {
    const limit: ExpressionLimit = { code: 'expression_too_large', limit: JSONATA_MAX_RANGE, unit: 'items', setting: null };
    return new ExpressionLimitError(expression, limit, `the range operator (..) may produce at most ${JSONATA_MAX_RANGE.toLocaleString('en')} items`, error);
  }
  return new ExpressionError(reason, { expression, position, token, jsonata_code: code }, error);
}
