import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { DocumentStore } from '../documents/document-store.js';
import type { AiService } from './ai-service.js';
import type { EmbeddingStore } from './embedding-store.js';

/**
 * Embeds the documents AI steps produce (those whose metadata names an `ai_provider`) as their
 * step succeeds, with the global chain's first provider that makes embeddings, so they are
 * searchable without an `ai.embed` step. Runs off the step's path; a failure is logged, not raised.
 * Returns the unsubscribe function and a way to wait for the work in flight.
 */
export function startAutoEmbed(deps: { events: EventBus; documents: DocumentStore; ai: AiService; embeddings: EmbeddingStore; logger: Logger }) {
  const inflight = new Set<Promise<void>>();
  const embedStep = async (executionId: string, workflowId: string, stepId: string) => {
    const produced = (await deps.documents.list({ executionId, limit: 200 })).filter((d) => d.stepId === stepId && typeof d.metadata.ai_provider === 'string');
    if (produced.length === 0) return;
    const documents = await Promise.all(produced.map((d) => deps.documents.get(d.id)));
    const present = documents.filter((d) => d !== undefined);
    const result = await deps.ai.embed({ texts: present.map((d) => `${d.title}\n\n${d.content}`) }, { executionId, workflowId, stepId });
    await deps.embeddings.save(present.map((d, i) => ({ documentId: d.id, provider: result.provider, model: result.model, vector: result.vectors[i]!, workflowId: d.workflowId })));
  };
  const unsubscribe = deps.events.on('step.succeeded', (event) => {
    const { execution_id: executionId, workflow_id: workflowId, step_id: stepId, documents } = event.payload as Record<string, unknown>;
    if (typeof documents !== 'number' || documents === 0 || typeof executionId !== 'string' || typeof stepId !== 'string') return;
    const work = embedStep(executionId, String(workflowId), stepId)
      .catch((err: unknown) => deps.logger.warn({ err, execution_id: executionId, step_id: stepId }, 'could not embed the documents of an AI step'))
      .finally(() => inflight.delete(work));
    inflight.add(work);
  });
  return {
    stop: unsubscribe,
    /** Resolves once every embedding started so far is stored (or failed). */
    idle: async () => {
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
  };
}
