import type { JsonValue } from '../../storage/json-value.js';
import type { ExpressionLimits } from '../expressions/compile-expression.js';
import { evaluateExpression } from '../expressions/evaluate-expression.js';
import type { ExpressionScope } from '../expressions/evaluate-expression.js';
import { mayBeTemplate, parseTemplate } from './parse-template.js';
import type { TemplatePart } from './parse-template.js';
import { atLocation, childPath } from './template-error.js';
import type { TemplateLocation } from './template-error.js';

export interface ResolveOptions extends TemplateLocation {
  limits?: ExpressionLimits;
}

/**
 * Resolves every template inside `value` (objects and arrays recursively) against `scope`:
 * - a string that is exactly one `{{ expr }}` becomes the expression's value, type kept
 *   (no match -> null); likewise a string that is exactly one `{name}` found in `scope.input`;
 * - a string mixing text and `{{ }}` interpolates: strings as is, other values as JSON, no match
 *   and null as nothing;
 * - `{name}` / `{a.b}` read `scope.input` and stay as written when the input has no such key;
 * - `\{{` and `\{` are literal braces.
 * Throws TemplateError naming `options.stepId` and the field path under `options.path`.
 */
export async function resolveTemplate(value: unknown, scope: ExpressionScope, options: ResolveOptions = {}): Promise<unknown> {
  if (typeof value === 'string') return resolveString(value, scope, options);
  if (Array.isArray(value)) {
    const resolved: unknown[] = [];
    for (const [index, element] of value.entries()) {
      resolved.push(await resolveTemplate(element, scope, at(options, childPath(options.path, index))));
    }
    return resolved;
  }
  if (isPlainObject(value)) {
    const resolved: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) {
      resolved[key] = await resolveTemplate(element, scope, at(options, childPath(options.path, key)));
    }
    return resolved;
  }
  return value;
}

async function resolveString(template: string, scope: ExpressionScope, options: ResolveOptions): Promise<unknown> {
  if (!mayBeTemplate(template)) return template;
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(template);
  } catch (error) {
    throw atLocation(error, options);
  }
  const meaningful = parts.filter((part) => part.kind !== 'text' || part.text.trim() !== '');
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  if (only?.kind === 'expression') return (await evaluatePart(only.source, scope, options)) ?? null;
  if (only?.kind === 'placeholder' && meaningful.length === parts.length) {
    const found = lookupInput(scope, only.path);
    return found === undefined ? only.raw : found;
  }

  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'placeholder') {
      const found = lookupInput(scope, part.path);
      text += found === undefined ? part.raw : interpolated(found);
    } else text += interpolated(await evaluatePart(part.source, scope, options));
  }
  return text;
}

async function evaluatePart(source: string, scope: ExpressionScope, options: ResolveOptions): Promise<JsonValue | undefined> {
  try {
    return await evaluateExpression(source, scope, options.limits);
  } catch (error) {
    throw atLocation(error, options);
  }
}

/** `options` for the field at `path` (not `{ ...options, path }`, which V8 copies on a slow path). */
function at(options: ResolveOptions, path: string): ResolveOptions {
  return { stepId: options.stepId, path, limits: options.limits };
}

function interpolated(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads `path` from `scope.input`, own keys only; undefined when any step is missing. */
function lookupInput(scope: ExpressionScope, path: readonly string[]): unknown {
  let current: unknown = scope.input;
  for (const key of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
