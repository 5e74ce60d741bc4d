import type { z } from 'zod';
import type { FieldErrors } from './errors.js';

/** Field path (`a.b.0`, or `(root)`) -> messages, from a zod error. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) (fields[issue.path.join('.') || '(root)'] ??= []).push(issue.message);
  return fields;
}

/** One readable line naming each failing field: `port: Too big; name: Required`. */
export function describeZodError(error: z.ZodError): string {
  return Object.entries(toFieldErrors(error))
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
}
