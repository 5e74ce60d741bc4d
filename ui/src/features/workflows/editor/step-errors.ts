import { ApiError } from '../../../lib/api-client';
import type { WorkflowStep } from '../workflow-types';
import type { StepErrors } from './editor-store';

/** Where a refusal's problems belong: `''` for the workflow itself. */
export const WORKFLOW = '';

function add(errors: StepErrors, step: string, field: string, message: string) {
  const fields = (errors[step] ??= {});
  (fields[field] ??= []).push(message);
}

/**
 * Reads a 400 from saving: `[{step, field, message}]` (`invalid_step_input`, `action_not_found`)
 * or `{"steps.2.input.url": [messages]}` (`invalid_workflow`), keyed by step id and field.
 */
export function stepErrorsFrom(error: unknown, steps: readonly WorkflowStep[]): StepErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400 || error.details === null || typeof error.details !== 'object') return null;
  const errors: StepErrors = {};
  if (Array.isArray(error.details)) {
    for (const item of error.details as { step?: string; field?: string; message?: string }[]) {
      add(errors, item.step ?? WORKFLOW, item.field ?? '', item.message ?? error.message);
    }
    return errors;
  }
  for (const [path, messages] of Object.entries(error.details as Record<string, unknown>)) {
    const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    const match = /^steps\.(\d+)(?:\.(.*))?$/.exec(path);
    const step = match ? steps[Number(match[1])]?.id : undefined;
    for (const message of list) add(errors, step ?? WORKFLOW, step ? (match![2] ?? '') : path, message);
  }
  return errors;
}

/** The messages under `input.<key>`, by key, for the schema form. */
export function inputErrors(fields: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fields) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields)) {
    const key = /^input\.([^.]+)/.exec(field)?.[1];
    if (key) (out[key] ??= []).push(...messages);
  }
  return out;
}
