import type { JsonValue } from '../../storage/json-value.js';
import type { ExpressionEvaluator } from '../expressions/expression-evaluator.js';
import { evaluateEagerly } from '../expressions/evaluate-expression.js';
import type { ExpressionScope } from '../expressions/evaluate-expression.js';
import { mayBeTemplate, parseTemplate } from './parse-template.js';
import type { TemplatePart } from './parse-template.js';
import { atLocation, childPath } from './template-error.js';
import type { TemplateLocation } from './template-error.js';

export interface ResolveOptions extends TemplateLocation {
  /** Evaluates the expressions; the process's evaluator by default. */
  evaluator?: ExpressionEvaluator | undefined;
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
  return resolveValue(value, scope, options);
}

// Resolving goes synchronously as far as it can and returns a promise only from the first
// expression that needs JSONata on, so a step input of plain values and paths costs no promise
// per field. Fields are still resolved one after another, in order.
type Eventually<T> = T | Promise<T>;

function resolveValue(value: unknown, scope: ExpressionScope, options: ResolveOptions): unknown {
  if (typeof value === 'string') return resolveString(value, scope, options);
  if (Array.isArray(value)) return resolveFields(value as unknown as Fields, [...value.keys()], [] as unknown as Fields, scope, options);
  if (isPlainObject(value)) return resolveFields(value, Object.keys(value), {}, scope, options);
  return value;
}

type Fields = Record<number | string, unknown>;

function resolveFields(value: Fields, keys: (number | string)[], target: Fields, scope: ExpressionScope, options: ResolveOptions): Eventually<unknown> {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const resolved = resolveValue(value[key], scope, at(options, childPath(options.path, key)));
    if (resolved instanceof Promise) return finishFields(value, keys, i, resolved, target, scope, options);
    target[key] = resolved;
  }
  return target;
}

async function finishFields(
  value: Fields, keys: (number | string)[], from: number, first: Promise<unknown>, target: Fields, scope: ExpressionScope, options: ResolveOptions,
): Promise<unknown> {
  target[keys[from]!] = await first;
  for (let i = from + 1; i < keys.length; i++) {
    const key = keys[i]!;
    target[key] = await resolveValue(value[key], scope, at(options, childPath(options.path, key)));
  }
  return target;
}

function resolveString(template: string, scope: ExpressionScope, options: ResolveOptions): unknown {
  if (!mayBeTemplate(template)) return template;
  let parsed: ParsedTemplate;
  try {
    parsed = parsedTemplate(template);
  } catch (error) {
    throw atLocation(error, options);
  }
  const { parts, only, onlyPart } = parsed;
  if (only?.kind === 'expression') {
    const value = evaluatePart(only.source, scope, options);
    return value instanceof Promise ? value.then((found) => found ?? null) : (value ?? null);
  }
  if (only?.kind === 'placeholder' && onlyPart) {
    const found = lookupInput(scope, only.path);
    return found === undefined ? only.raw : found;
  }
  return interpolate(parts, 0, '', scope, options);
}

interface ParsedTemplate {
  parts: TemplatePart[];
  /** The one part that is not blank text, if there is exactly one. */
  only: TemplatePart | undefined;
  /** Whether `only` is the template's only part (no blank text around it). */
  onlyPart: boolean;
}

/** Most templates parsed so far; a workflow's templates are resolved again on every run. */
const MAX_PARSED = 1000;
const parsedTemplates = new Map<string, ParsedTemplate>();

function parsedTemplate(template: string): ParsedTemplate {
  let parsed = parsedTemplates.get(template);
  if (parsed) return parsed;
  const parts = parseTemplate(template);
  const meaningful = parts.filter((part) => part.kind !== 'text' || part.text.trim() !== '');
  parsed = { parts, only: meaningful.length === 1 ? meaningful[0] : undefined, onlyPart: meaningful.length === parts.length };
  if (parsedTemplates.size >= MAX_PARSED) parsedTemplates.clear();
  parsedTemplates.set(template, parsed);
  return parsed;
}

function interpolate(parts: TemplatePart[], from: number, text: string, scope: ExpressionScope, options: ResolveOptions): Eventually<string> {
  for (let i = from; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'placeholder') {
      const found = lookupInput(scope, part.path);
      text += found === undefined ? part.raw : interpolated(found);
    } else {
      const value = evaluatePart(part.source, scope, options);
      if (value instanceof Promise) return value.then((found) => interpolate(parts, i + 1, text + interpolated(found), scope, options));
      text += interpolated(value);
    }
  }
  return text;
}

function evaluatePart(source: string, scope: ExpressionScope, options: ResolveOptions): Eventually<JsonValue | undefined> {
  let value: Eventually<JsonValue | undefined>;
  try {
    value = evaluateEagerly(source, scope, options.evaluator);
  } catch (error) {
    throw atLocation(error, options);
  }
  return value instanceof Promise ? value.catch((error: unknown) => Promise.reject(atLocation(error, options))) : value;
}

/** `options` for the field at `path` (not `{ ...options, path }`, which V8 copies on a slow path). */
function at(options: ResolveOptions, path: string): ResolveOptions {
  return { stepId: options.stepId, path, evaluator: options.evaluator };
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
