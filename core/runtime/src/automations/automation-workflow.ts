import type { AutomationAction, AutomationBody } from './automation-schemas.js';
import { stepInputOf, stepTypeOf } from './action-steps.js';

/** The step id of the action at `index` in an automation's workflow. */
export const actionStepId = (index: number) => `action_${index}`;

/** The parameters an action runs with under `variant` (merged over its own), or its own. */
export function parametersOf(action: AutomationAction, variant: string | null): Record<string, unknown> {
  const chosen = variant === null ? undefined : action.variants?.find((v) => v.id === variant);
  return { ...action.parameters, ...(chosen?.parameters ?? {}) };
}

/**
 * The workflow every run of an automation executes. Its input is `{trigger_data, context, plan}`,
 * the plan saying per run which actions run, with which (variant's) filled-in input, and whether
 * an approval comes first. Steps: `start` (a zero wait, so the others never all depend on a
 * skipped step), `approve` (an approval step, when the plan asks for it), then the actions in a
 * chain, each running when the plan chose it and no approval was refused.
 */
export function automationWorkflow(automation: Pick<AutomationBody, 'name' | 'description' | 'actions'>): Record<string, unknown> {
  const steps: Record<string, unknown>[] = [
    { id: 'start', type: 'wait.until', input: { duration_ms: 0 } },
    {
      id: 'approve', type: 'approval', depends_on: ['start'], when: '{{ input.plan.needs_approval }}',
      input: { message: '{{ input.plan.approval_message }}', approvers: '{{ input.plan.approvers }}', on_reject: 'continue', on_timeout: 'continue' },
    },
  ];
  automation.actions.forEach((action, index) => {
    const keys = new Set<string>();
    for (const variant of [null, ...(action.variants ?? []).map((v) => v.id)]) {
      for (const key of Object.keys(stepInputOf(action.type, parametersOf(action, variant), {}, { creator: { email: null, userId: null } }))) keys.add(key);
    }
    const input = Object.fromEntries([...keys].map((key) => [key, `{{ input.plan.actions[${index}].input.\`${key}\` }}`]));
    steps.push({
      id: actionStepId(index),
      type: stepTypeOf(action),
      depends_on: ['start', 'approve', ...(index > 0 ? [actionStepId(index - 1)] : [])],
      when: `{{ input.plan.actions[${index}].run = true and (input.plan.needs_approval = false or steps.approve.output.approved = true) }}`,
      input,
    });
  });
  return { name: `Automation: ${automation.name}`.slice(0, 200), description: automation.description ?? 'Runs the actions of an automation.', steps };
}
