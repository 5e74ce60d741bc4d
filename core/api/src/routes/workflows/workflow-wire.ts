import type { WorkflowDefinition, WorkflowRecord } from '@dwc/runtime';
import { workflowDefinitionSchema, workflowSettingsSchema } from '@dwc/runtime';
import { z } from 'zod';
import { errorResponse } from '../../error-response.js';

export const workflowIdParams = z.object({ id: z.string().min(1).max(64).meta({ description: 'Workflow id returned by the create call' }) });

/** Create and update bodies: a workflow definition (shared/API.md). */
export const workflowBodySchema = workflowDefinitionSchema.meta({ id: 'WorkflowDefinition' });

export const workflowSchema = z
  .object({
    id: z.string(),
    version: z.number().int().meta({ description: 'Latest version; every update makes a new immutable version' }),
    name: z.string(),
    description: z.string().nullable(),
    trigger: z.record(z.string(), z.unknown()),
    active: z.boolean().meta({ description: 'Whether the trigger listens (PATCH with {"active"}); kept across versions' }),
    steps: z.array(z.record(z.string(), z.unknown())),
    settings: workflowSettingsSchema.optional().meta({ description: 'How long the workflow\'s finished executions are kept, when it sets its own retention' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Workflow' });

export type WorkflowWire = z.input<typeof workflowSchema>;

export function toWorkflowWire(workflow: WorkflowRecord<WorkflowDefinition>): WorkflowWire {
  return {
    id: workflow.id,
    version: workflow.version,
    name: workflow.definition.name,
    description: workflow.definition.description ?? null,
    trigger: workflow.definition.trigger,
    active: workflow.triggerActive,
    steps: workflow.definition.steps as Record<string, unknown>[],
    ...(workflow.definition.settings ? { settings: workflow.definition.settings } : {}),
    created_at: workflow.createdAt.toISOString(),
    updated_at: workflow.updatedAt.toISOString(),
  };
}

/** The 400 of every route that saves a definition: the runtime checks it whole before writing a version. */
export const invalidDefinitionResponse = errorResponse(
  'The definition is refused: `invalid_workflow` (shape, graph or expressions; details: field -> messages), `action_not_found` (a step type no enabled plugin provides) or `invalid_step_input` (a step input its action cannot take); the last two list every problem in details as `[{"step", "field", "message"}]`',
);
