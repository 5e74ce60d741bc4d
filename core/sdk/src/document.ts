import { z } from 'zod';

/** Formats a document's `content` may have. */
export const documentFormatSchema = z.enum(['text', 'markdown', 'html', 'json']);

/** A document a step produces; the engine stores it with its lineage (execution, step, parent). */
export const documentDraftSchema = z.object({
  title: z.string().min(1).max(500),
  content: z.string(),
  format: documentFormatSchema.default('text'),
  metadata: z.record(z.string(), z.unknown()).default({}),
  /** Id of a stored document this one was derived from. */
  parentId: z.string().optional(),
});

export type DocumentFormat = z.infer<typeof documentFormatSchema>;
export type DocumentDraft = z.input<typeof documentDraftSchema>;
