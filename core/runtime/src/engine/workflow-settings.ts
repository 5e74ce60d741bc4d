import { z } from '@dwc/sdk';

/**
 * How long a workflow's finished executions are kept, replacing the server's retention
 * (DWC_EXECUTION_RETENTION_DAYS / _COUNT) for this workflow, field by field; 0 keeps them on
 * that measure forever. Running, queued and waiting executions are never removed.
 */
export const workflowRetentionSchema = z.strictObject({
  days: z.int().min(0).max(36_500).optional().meta({ description: 'Remove finished executions older than this many days (0: never by age)' }),
  count: z.int().min(0).max(100_000_000).optional().meta({ description: 'Keep at most this many finished executions of this workflow (0: no limit)' }),
  delete_documents: z.boolean().default(false).meta({ description: 'Also remove the documents a removed execution produced (kept by default)' }),
});

/** Settings of a workflow that are not steps: how its executions are kept. */
export const workflowSettingsSchema = z.strictObject({
  retention: workflowRetentionSchema.optional(),
});

export type WorkflowRetention = z.output<typeof workflowRetentionSchema>;
