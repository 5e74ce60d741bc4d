import { DwcError, NotFoundError } from '@dwc/sdk';
import type { StoredError } from './execution-types.js';

/** The execution was cancelled while this step ran. */
export class ExecutionCancelledError extends DwcError {
  constructor() {
    super('cancelled', 'The execution was cancelled.');
  }
}

/** A step names an action type no enabled plugin registers. */
export class ActionNotFoundError extends NotFoundError {
  constructor(type: string) {
    super(`no action "${type}" is registered; is the plugin that provides it installed and enabled?`, { code: 'action_not_found' });
  }
}

/** Who failed: the step, the action it runs and the plugin that provides it (null: none does, or the engine itself). */
export interface StepFailureContext {
  workflowId: string;
  workflowName: string;
  stepId: string;
  action: string;
  plugin: string | null;
}

/** Who failed, as a stored error's `details` carry it. */
export function failureDetails(where: StepFailureContext): Record<string, unknown> {
  return { workflow_id: where.workflowId, workflow: where.workflowName, step_id: where.stepId, action: where.action, plugin: where.plugin };
}

/** The code an error carries: a DwcError's, a string `code` a plugin set on a plain error, else `step_failed`. */
function codeOf(error: unknown): string {
  if (error instanceof DwcError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z][a-z0-9_.-]{0,63}$/i.test(code) ? code : 'step_failed';
}

/**
 * What is stored and sent for a step error, as Rollup's PluginDriver wraps a hook's error: the
 * thrower's own code, a message naming the step, action and plugin, and the same in `details`
 * (the thrower's own details under `cause`).
 */
export function toStoredError(error: unknown, where: StepFailureContext, itemIndex = -1): StoredError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof DwcError ? error.details : undefined;
  const item = itemIndex >= 0 ? ` item ${itemIndex}` : '';
  const by = where.plugin === null ? `action "${where.action}"` : `action "${where.action}" of plugin ${where.plugin}`;
  return {
    code: codeOf(error),
    message: `step "${where.stepId}"${item} (${by}) in workflow "${where.workflowName}": ${message}`,
    details: {
      ...failureDetails(where),
      ...(itemIndex >= 0 ? { item_index: itemIndex } : {}),
      ...(cause === undefined ? {} : { cause }),
    },
  };
}
