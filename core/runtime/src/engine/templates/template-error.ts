import { InputError } from '@dwc/sdk';
import { ExpressionError, ExpressionLimitError } from '../expressions/expression-error.js';

/** Where a template sits: which step, and which field of it (`input.text`, `when`). */
export interface TemplateLocation {
  stepId?: string;
  /** Field path, dotted: `input.text`, `input.items.0`, `for_each`. */
  path?: string;
}

export interface TemplateErrorDetails {
  path: string;
  expression: string | null;
  position: number | null;
  step?: string;
}

/** A step's input, `when` or `for_each` could not be resolved. The message names step and field. */
export class TemplateError extends InputError {
  readonly path: string;
  readonly stepId: string | undefined;

  constructor(location: TemplateLocation, reason: string, expression: string | null, position: number | null, cause?: unknown) {
    const path = location.path === undefined || location.path === '' ? '(root)' : location.path;
    const step = location.stepId === undefined ? '' : `step "${location.stepId}" `;
    const details: TemplateErrorDetails = { path, expression, position };
    if (location.stepId !== undefined) details.step = location.stepId;
    // An expression over a limit keeps its own code (and the limit), so the failure says which limit to raise.
    const limited = cause instanceof ExpressionLimitError ? cause : undefined;
    const code = limited?.code ?? 'invalid_template';
    super(`${step}field ${path}: ${reason}`, { code, details: limited ? { ...details, ...(limited.details as object) } : details, cause });
    this.path = path;
    this.stepId = location.stepId;
  }
}

/** Rethrows an ExpressionError as a TemplateError at `location`; anything else passes through. */
export function atLocation(error: unknown, location: TemplateLocation): unknown {
  if (error instanceof ExpressionError) {
    return new TemplateError(location, error.message, error.expression, error.position, error);
  }
  return error;
}

/** Joins a field path: `input` + `text` -> `input.text`. */
export function childPath(path: string | undefined, key: string | number): string {
  return path === undefined || path === '' ? String(key) : `${path}.${key}`;
}
