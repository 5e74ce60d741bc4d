import { automationActionType } from './action-parameters.js';
import type { AutomationAction } from './automation-schemas.js';

/** The step type a named automation action runs as; any other action type is a step type itself. */
export const stepTypeOf = (action: Pick<AutomationAction, 'type'>): string => automationActionType(action.type)?.stepType ?? action.type;

/** Who a notification goes to when the action names no `recipient`. */
export interface RunPeople {
  /** The automation's creator: e-mail and user id. */
  creator: { email: string | null; userId: string | null };
}

const pick = (from: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));

/**
 * The step input for an action's parameters (placeholders already filled): the automation's own
 * vocabulary (`prompt_template`, `template`, ...) mapped onto the input of the step type it runs.
 */
export function stepInputOf(type: string, parameters: Record<string, unknown>, triggerData: Record<string, unknown>, people: RunPeople): Record<string, unknown> {
  switch (type) {
    case 'ai_generation':
      return {
        prompt: parameters.prompt_template ?? parameters.prompt,
        stream: false,
        ...pick(parameters, ['system', 'max_tokens', 'temperature', 'provider', 'model', 'json_schema', 'document']),
      };
    case 'send_notification': {
      const channel = (parameters.channel as string | undefined) ?? 'in_app';
      const recipient = parameters.recipient ?? triggerData.recipient ?? (channel === 'in_app' ? people.creator.userId : people.creator.email);
      const message = parameters.message ?? (parameters.template === undefined ? `Automation ran for ${JSON.stringify(triggerData)}` : undefined);
      return {
        channel, recipient,
        ...(message === undefined ? {} : { message }),
        ...pick(parameters, ['subject', 'html', 'template']),
        data: { ...triggerData, ...((parameters.data as Record<string, unknown> | undefined) ?? {}) },
      };
    }
    case 'run_workflow':
      return { workflow_id: parameters.workflow_id, input: parameters.input ?? triggerData };
    default:
      return parameters;
  }
}
