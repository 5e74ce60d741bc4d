import { createHash } from 'node:crypto';
import { documentDraftSchema, type DocumentDraft } from '@dwc/sdk';
import { newId } from '../storage/new-id.js';
import type { SqlQueries } from '../storage/sql-client.js';

/** A document a step emitted, checked and given its id, ready to be written with the step's result. */
export interface StepDocument {
  id: string;
  draft: DocumentDraft;
}

/** Checks each draft and gives it an id. Throws on an invalid draft. */
export function prepareDocuments(drafts: readonly DocumentDraft[] | undefined): StepDocument[] {
  return (drafts ?? []).map((raw) => ({ id: newId(), draft: documentDraftSchema.parse(raw) }));
}

/** Writes a step's documents with their lineage (execution, workflow, step, parent document). */
export async function insertStepDocuments(
  q: SqlQueries,
  step: { executionId: string; workflowId: string; stepId: string },
  documents: readonly StepDocument[],
): Promise<void> {
  for (const { id, draft } of documents) {
    await q.run(
      `INSERT INTO documents (id, execution_id, workflow_id, step_id, parent_id, title, content, format, metadata, size_bytes, checksum, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, step.executionId, step.workflowId, step.stepId, draft.parentId ?? null, draft.title, draft.content, draft.format,
        draft.metadata, Buffer.byteLength(draft.content), createHash('sha256').update(draft.content).digest('hex'), new Date()],
    );
  }
}
