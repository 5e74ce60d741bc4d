import { z } from 'zod';

export const WORKFLOW_NOTIFY_EVENTS = ['failure', 'success', 'waiting'] as const;
export type WorkflowNotifyEvent = (typeof WORKFLOW_NOTIFY_EVENTS)[number];

/**
 * A workflow's `notify` setting: who hears of its runs, on which channel, when. Each rule sends one
 * notification per recipient when a run fails, succeeds or waits (for an approval or an event).
 */
export const workflowNotifyRuleSchema = z.strictObject({
  on: z.array(z.enum(WORKFLOW_NOTIFY_EVENTS)).min(1).max(3).meta({ description: 'When to send: `failure`, `success`, `waiting`' }),
  channel: z.string().min(1).max(100).meta({ example: 'email' }),
  recipients: z.array(z.string().min(1).max(2_048)).min(1).max(100),
  template: z.string().min(1).max(100).optional().meta({ description: "A stored template's name for the channel; its data is `{workflow, execution, event, step_id}`" }),
  subject: z.string().max(1_000).optional(),
  message: z.string().max(10_000).optional().meta({ description: 'Plain text; without it and without a template a standard line is sent' }),
  priority: z.enum(['low', 'normal', 'high', 'critical']).optional(),
});
export const workflowNotifySchema = z.array(workflowNotifyRuleSchema).max(20);
export type WorkflowNotifyRule = z.output<typeof workflowNotifyRuleSchema>;
