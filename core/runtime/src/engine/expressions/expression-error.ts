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

  constructor(reason: string, details: ExpressionErrorDetails, cause?: unknown) {
    const where = details.position === null ? '' : ` at position ${details.position}`;
    const near = details.token === null ? '' : ` (near "${details.token}")`;
    super(`JSONata expression failed${where}${near}: ${reason}`, { code: 'invalid_expression', details, cause });
    this.expression = details.expression;
    this.position = details.position;
    this.token = details.token;
    this.reason = reason;
  }
}

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
  return new ExpressionError(reason, { expression, position, token, jsonata_code: code }, error);
}
