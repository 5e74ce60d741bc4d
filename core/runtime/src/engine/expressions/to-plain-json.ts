import type { JsonValue } from '../../storage/json-value.js';

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
