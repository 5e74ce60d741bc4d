import { defineAction, z } from '@dwc/sdk';
import { callInfoOutput, callInfoWire, requireAi, routingInput, routingOf } from '../common/ai-call.js';
import { embedEs } from '../i18n-es.js';

export const embedInputSchema = z.object({
  document_ids: z.array(z.string().min(1).max(64)).max(200).optional().describe('Stored documents to embed'),
  from_steps: z.array(z.string().min(1).max(64)).max(100).optional().describe('Embed the documents these earlier steps produced; `*` for every earlier step. Default when no ids are given: `*`'),
  ...routingInput,
});

export const embedOutputSchema = z.object({
  count: z.number().int(),
  indexed: z.array(z.object({ document_id: z.string(), dims: z.number().int() })),
  ...callInfoOutput,
});

/** Embeds documents and stores their vectors for semantic search (`/api/v3/documents/search`). */
export const embedAction = defineAction({
  type: 'ai.embed',
  title: 'Embed documents',
  description: 'Computes embeddings of stored documents (by id, or those of earlier steps) and keeps them for semantic search.',
  i18n: embedEs,
  input: embedInputSchema,
  output: embedOutputSchema,
  async run(input, ctx) {
    const ai = requireAi(ctx);
    const fromSteps = input.from_steps ?? (input.document_ids?.length ? undefined : ['*']);
    const result = await ai.indexDocuments({
      ...(input.document_ids ? { documentIds: input.document_ids } : {}),
      ...(fromSteps ? { fromSteps } : {}),
      ...routingOf(input),
    });
    return { count: result.indexed.length, indexed: result.indexed.map((i) => ({ document_id: i.documentId, dims: i.dims })), ...callInfoWire(result) };
  },
});
