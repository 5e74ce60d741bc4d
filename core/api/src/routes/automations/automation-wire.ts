import type { ActionOdds, AutomationRecord, AutomationRunView } from '@dwc/runtime';
import { z } from 'zod';

const oddsSchema = z.object({
  action_index: z.number().int(),
  variants: z.array(z.object({ variant: z.string(), alpha: z.number(), beta: z.number(), pulls: z.number().int(), mean: z.number(), chosen_probability: z.number() })),
});

export const automationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  trigger: z.object({ type: z.string(), conditions: z.record(z.string(), z.unknown()) }),
  actions: z.array(z.object({ type: z.string(), parameters: z.record(z.string(), z.unknown()), variants: z.array(z.object({ id: z.string(), parameters: z.record(z.string(), z.unknown()) })).optional() })),
  ai_decision_making: z.boolean(),
  learning_enabled: z.boolean(),
  decision: z.object({ confidence_threshold: z.number(), approvers: z.array(z.string()), provider: z.string().optional() }),
  enabled: z.boolean(),
  workflow_id: z.string().meta({ description: 'The workflow each run executes (built from the actions)' }),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  variant_odds: z.array(oddsSchema).meta({ description: 'Current odds of each variant (actions with variants)' }),
}).meta({ id: 'Automation' });

export const automationRunSchema = z.object({
  id: z.string(),
  automation_id: z.string(),
  execution_id: z.string().nullable(),
  status: z.string().meta({ description: "The execution's status, or `not_matched` when the conditions did not match" }),
  matched: z.boolean(),
  conditions: z.array(z.object({ field: z.string(), expected: z.unknown(), actual: z.unknown(), matched: z.boolean() })),
  decision: z.record(z.string(), z.unknown()).nullable(),
  actions: z.array(z.object({
    index: z.number().int(), step_id: z.string(), type: z.string(), step_type: z.string(), variant: z.string().nullable(), run: z.boolean(),
    input: z.record(z.string(), z.unknown()), status: z.string(), output: z.unknown(), error: z.unknown(),
  })),
  trigger_data: z.record(z.string(), z.unknown()),
  context: z.record(z.string(), z.unknown()),
  created_at: z.string(),
}).meta({ id: 'AutomationRun' });

export function toAutomationWire(a: AutomationRecord, odds: ActionOdds[]) {
  return {
    id: a.id, name: a.name, description: a.description ?? null, trigger: a.trigger, actions: a.actions, ai_decision_making: a.ai_decision_making,
    learning_enabled: a.learning_enabled, decision: a.decision, enabled: a.enabled, workflow_id: a.workflowId, created_by: a.createdBy,
    created_at: a.createdAt.toISOString(), updated_at: a.updatedAt.toISOString(), variant_odds: odds,
  };
}

export function toRunWire(run: AutomationRunView): z.input<typeof automationRunSchema> {
  return {
    id: run.id, automation_id: run.automationId, execution_id: run.executionId, status: run.status, matched: run.matched, conditions: run.conditions,
    decision: (run.decision as unknown as Record<string, unknown> | null) ?? null, actions: run.actions, trigger_data: run.triggerData, context: run.context,
    created_at: run.createdAt.toISOString(),
  };
}
