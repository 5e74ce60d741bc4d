import type { DocumentSummary } from '@dwc/runtime';
import { z } from 'zod';

export const summarySchema = z
  .object({
    id: z.string(), title: z.string(), format: z.enum(['text', 'markdown', 'html', 'json']), metadata: z.record(z.string(), z.unknown()),
    execution_id: z.string().nullable(), workflow_id: z.string().nullable(), step_id: z.string().nullable(), parent_id: z.string().nullable(),
    size_bytes: z.number().int(), checksum: z.string(), created_at: z.string(),
  })
  .meta({ id: 'DocumentSummary' });
export const documentSchema = summarySchema.extend({ content: z.string() }).meta({ id: 'Document' });

export const toSummary = (d: DocumentSummary) => ({
  id: d.id, title: d.title, format: d.format, metadata: d.metadata, execution_id: d.executionId, workflow_id: d.workflowId, step_id: d.stepId,
  parent_id: d.parentId, size_bytes: d.sizeBytes, checksum: d.checksum, created_at: d.createdAt.toISOString(),
});

