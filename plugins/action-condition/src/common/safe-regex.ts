import { createContext, Script } from 'node:vm';
import { InputError } from '@dwc/sdk';
import { isPlainObject, typeName } from './values.js';

export const MAX_PATTERN_LENGTH = 200;
export const MATCH_TIMEOUT_MS = 100;
const ALLOWED_FLAGS = /^[imsu]*$/;

/** A pattern given as `"^a+$"` or `{ "pattern": "^a+$", "flags": "i" }` (flags from i, m, s, u). */
export function compilePattern(right: unknown): RegExp {
  const { pattern, flags } = isPlainObject(right) ? right : { pattern: right, flags: '' };
  if (typeof pattern !== 'string' || (flags !== undefined && typeof flags !== 'string')) {
    throw new InputError(`Operator "matches" needs a pattern string or { pattern, flags } on the right, got ${typeName(right)}.`, {
      code: 'invalid_pattern',
      details: { field: 'right' },
    });
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new InputError(`Pattern is ${pattern.length} characters long; "matches" accepts at most ${MAX_PATTERN_LENGTH}.`, {
      code: 'pattern_too_long',
      details: { field: 'right', max_length: MAX_PATTERN_LENGTH },
    });
  }
  if (!ALLOWED_FLAGS.test(flags ?? '')) {
    throw new InputError(`Regex flags "${flags}" are not allowed; use any of i, m, s, u.`, { code: 'invalid_pattern', details: { field: 'right' } });
  }
  try {
    return new RegExp(pattern, flags ?? '');
  } catch (error) {
    throw new InputError(`Pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}.`, {
      code: 'invalid_pattern',
      details: { field: 'right' },
    });
  }
}

let sandbox: { context: Record<string, unknown>; script: Script } | undefined;

/**
 * Runs `regex.test(text)` under a time limit: V8 interrupts a `vm` script that runs too long, even
 * inside the regex engine, so a catastrophically backtracking pattern fails instead of hanging the
 * worker.
 */
export function testWithTimeout(regex: RegExp, text: string): boolean {
  sandbox ??= { context: createContext(Object.create(null) as object), script: new Script('regex.test(text)') };
  const { context, script } = sandbox;
  context['regex'] = regex;
  context['text'] = text;
  try {
    return script.runInContext(context, { timeout: MATCH_TIMEOUT_MS }) === true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new InputError(
        `Pattern /${regex.source}/ took longer than ${MATCH_TIMEOUT_MS} ms on this input; simplify it (avoid nested quantifiers such as (a+)+).`,
        { code: 'pattern_too_slow', details: { field: 'right', timeout_ms: MATCH_TIMEOUT_MS } },
      );
    }
    throw error;
  } finally {
    context['regex'] = undefined;
    context['text'] = undefined;
  }
}
