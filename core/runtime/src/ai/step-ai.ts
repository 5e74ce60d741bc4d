import { NotFoundError, type EventBus, type StepAi } from '@dwc/sdk';
import type { DocumentStore } from '../documents/document-store.js';
import type { AiService } from './ai-service.js';
import type { EmbeddingStore } from './embedding-store.js';
import { createTokenStream } from './token-stream.js';

/** What the engine knows about the step an action runs in. */
export interface StepAiScope {
  executionId: string;
  workflowId: string;
  stepId: string;
  signal: AbortSignal;
  /** The workflow definition's chain (`ai.provider` then `ai.fallback`). */
  workflowChain: readonly string[] | undefined;
}

export type StepAiFactory = (scope: StepAiScope) => StepAi;

/** Most documents one `indexDocuments` call embeds. */
const MAX_INDEX_DOCUMENTS = 200;

/** Builds each step's `ctx.ai`: the AI service attributed to that step, streaming to its rooms. */
export function createStepAiFactory(deps: { ai: AiService; embeddings: EmbeddingStore; documents: DocumentStore; events: EventBus; tokenCoalesceMs: number }): StepAiFactory {
  return (step) => {
    const base = { signal: step.signal, workflowChain: step.workflowChain, executionId: step.executionId, stepId: step.stepId, workflowId: step.workflowId };
    const readDocument = async (id: string) => {
      const document = await deps.documents.get(id);
      if (!document) throw new NotFoundError(`No document with id "${id}".`, { code: 'document_not_found' });
      return { id: document.id, title: document.title, content: document.content, workflowId: document.workflowId };
    };
    return {
      async generate(request) {
        if (request.stream === false) return deps.ai.generate(request, base);
        const tokens = createTokenStream(deps.events, { execution_id: step.executionId, workflow_id: step.workflowId, step_id: step.stepId }, deps.tokenCoalesceMs);
        try {
          return await deps.ai.generate(request, { ...base, onToken: tokens.push, onStreamReset: tokens.reset });
        } finally {
          tokens.end();
        }
      },
      analyze: (request) => deps.ai.analyze(request, base),
      embed: (request) => deps.ai.embed(request, base),
      readDocument: async (id) => {
        const { workflowId: _workflowId, ...document } = await readDocument(id);
        return document;
      },
      async indexDocuments(request) {
        const ids = new Set(request.documentIds ?? []);
        if (request.fromSteps?.length) {
          const produced = await deps.documents.list({ executionId: step.executionId, limit: MAX_INDEX_DOCUMENTS });
          const all = request.fromSteps.includes('*');
          for (const doc of produced) if (doc.stepId && doc.stepId !== step.stepId && (all || request.fromSteps.includes(doc.stepId))) ids.add(doc.id);
        }
        const documents = await Promise.all([...ids].slice(0, MAX_INDEX_DOCUMENTS).map(readDocument));
        if (documents.length === 0) {
          return { indexed: [], provider: request.provider ?? '', model: request.model ?? '', usage: { inputTokens: 0, outputTokens: 0, costUsd: null, cached: false, latencyMs: 0 }, attempts: [] };
        }
        const result = await deps.ai.embed({ ...request, texts: documents.map((d) => `${d.title}\n\n${d.content}`) }, base);
        await deps.embeddings.save(documents.map((d, i) => ({ documentId: d.id, provider: result.provider, model: result.model, vector: result.vectors[i]!, workflowId: d.workflowId })));
        const { vectors, ...info } = result;
        return { ...info, indexed: documents.map((d, i) => ({ documentId: d.id, dims: vectors[i]!.length })) };
      },
    };
  };
}
