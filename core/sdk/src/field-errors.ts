import type { z } from 'zod';
import type { FieldErrors } from './errors.js';
import { readableIssues, type IssueContext, type ReadableIssue } from './issues/readable-issues.js';

/** `a.b.0`, or `(root)` for the value itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** Field path (`a.b.0`, or `(root)`) -> readable messages, from a zod error. Pass the schema and input for the most precise messages. */
export function toFieldErrors(error: z.ZodError, context: IssueContext = {}): FieldErrors {
  return fieldErrorsOf(readableIssues(error.issues, context));
}

/** Readable issues grouped by field path. */
export function fieldErrorsOf(issues: readonly ReadableIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) (fields[fieldPath(issue.path)] ??= []).push(issue.message);
  return fields;
}

/** One readable line naming each failing field: `port: too big; input.ms: unknown field \`ms\`; expected …`. */
export function describeZodError(error: z.ZodError, context: IssueContext = {}): string {
  return describeFieldErrors(toFieldErrors(error, context));
}

export function describeFieldErrors(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
}
