import type { JsonSchema } from './json-schema';

/**
 * The checks a JSON Schema states on a flat object (required, type, enum, length, range, pattern,
 * item counts), as field -> messages: the same rules the API applies with zod before anything the
 * schema cannot say (a cron expression's meaning, a time zone name), which only the API answers.
 */
export function validateFlat(schema: JsonSchema, value: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  for (const key of schema.required ?? []) if (value[key] === undefined || value[key] === '') add(key, 'required');
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const v = value[key];
    if (v === undefined) continue;
    const problem = checkValue(property, v);
    if (problem) add(key, problem);
  }
  return errors;
}

function checkValue(schema: JsonSchema, v: unknown): string | undefined {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((a) => checkValue(a, v) === undefined) ? undefined : 'matches none of the allowed forms';
  if (schema.const !== undefined) return v === schema.const ? undefined : `must be ${JSON.stringify(schema.const)}`;
  if (schema.enum && !schema.enum.includes(v)) return `must be one of ${schema.enum.join(', ')}`;
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    if (typeof v !== 'number' || (type === 'integer' && !Number.isInteger(v))) return type === 'integer' ? 'must be a whole number' : 'must be a number';
    if (schema.minimum !== undefined && v < schema.minimum) return `must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && v > schema.maximum) return `must be at most ${schema.maximum}`;
  }
  if (type === 'string') {
    if (typeof v !== 'string') return 'must be text';
    if (typeof schema.minLength === 'number' && v.length < schema.minLength) return `must have at least ${schema.minLength} characters`;
    if (typeof schema.maxLength === 'number' && v.length > schema.maxLength) return `must have at most ${schema.maxLength} characters`;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) return schema.description ? `does not have the expected form (${schema.description})` : 'does not have the expected form';
  }
  if (type === 'array') {
    if (!Array.isArray(v)) return 'must be a list';
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) return `must have at least ${schema.minItems} item(s)`;
    if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) return `must have at most ${schema.maxItems} items`;
  }
  if (type === 'object' && (typeof v !== 'object' || v === null || Array.isArray(v))) return 'must be a JSON object';
  return undefined;
}
