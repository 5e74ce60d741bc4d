import type { LatestExecution, WorkflowDefinition, WorkflowRecord } from '@dwc/runtime';
import { z } from 'zod';
import { toWorkflowWire, workflowSchema } from './workflow-wire.js';

export const lastExecutionSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'LastExecution', description: "The workflow's newest execution (by creation time)" });

/** A workflow as `GET /api/v3/workflows` lists it: the workflow with its last run, so a list needs no request per row. */
export const workflowListItemSchema = workflowSchema
  .extend({ last_execution: lastExecutionSchema.nullable().meta({ description: 'Null when the workflow never ran' }) })
  .meta({ id: 'WorkflowListItem' });

export type WorkflowListItemWire = z.input<typeof workflowListItemSchema>;

export function toWorkflowListItemWire(workflow: WorkflowRecord<WorkflowDefinition>, last: LatestExecution | undefined): WorkflowListItemWire {
  return {
    ...toWorkflowWire(workflow),
    last_execution: last
      ? { id: last.id, status: last.status, created_at: last.createdAt.toISOString(), started_at: last.startedAt?.toISOString() ?? null, finished_at: last.finishedAt?.toISOString() ?? null }
      : null,
  };
}
