import { NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import type { ApiDeps } from '../../api-deps.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { clientAbort } from '../ai/ai-wire.js';
import { summarySchema, toSummary } from './document-wire.js';

const searchParams = z.object({
  q: z.string().trim().min(1).max(10_000).meta({ description: 'What to look for, in plain words' }),
  provider: z.string().max(100).optional().meta({ description: 'Embedding provider; default: the provider/model holding the most vectors' }),
  model: z.string().max(200).optional(),
  workflow_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  min_score: z.coerce.number().min(-1).max(1).optional(),
});

const searchResult = z
  .object({
    items: z.array(z.object({ score: z.number().meta({ description: 'Cosine similarity, -1 to 1' }), document: summarySchema })),
    provider: z.string(),
    model: z.string(),
    total: z.number().int().meta({ description: 'Scored documents passing min_score' }),
    scanned: z.number().int().meta({ description: 'Vectors compared (at most DWC_AI_SEARCH_MAX_VECTORS, newest first)' }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'DocumentSearchResult' });

async function search(deps: ApiDeps, params: z.output<typeof searchParams>, signal: AbortSignal) {
  const chosen = params.provider
    ? { provider: params.provider, model: params.model }
    : await deps.ai.embeddings.mostUsedModel();
  if (!chosen) throw new NotFoundError('No document has been embedded yet: run an `ai.embed` step first.', { code: 'no_embeddings' });
  const embedded = await deps.ai.service.embed({ texts: [params.q], provider: chosen.provider, ...(chosen.model ? { model: chosen.model } : {}) }, { signal });
  const found = await deps.ai.embeddings.search({
    provider: embedded.provider, model: embedded.model, vector: embedded.vectors[0]!, workflowId: params.workflow_id,
    limit: params.limit, offset: params.offset, maxVectors: deps.ai.searchMaxVectors, ...(params.min_score !== undefined ? { minScore: params.min_score } : {}),
  });
  const items = [];
  for (const hit of found.hits) {
    const document = await deps.engine.documents.find(hit.documentId);
    if (document) items.push({ score: hit.score, document: toSummary(document) });
  }
  return { items, provider: embedded.provider, model: embedded.model, total: found.total, scanned: found.scanned, limit: params.limit, offset: params.offset };
}

const description =
  'Embeds `q` with the same provider and model as the stored vectors and ranks documents by cosine similarity, in process. Exact search over at most DWC_AI_SEARCH_MAX_VECTORS vectors of that model (newest first): fine to about 10^5 documents per model.';
const responses = {
  200: { description: 'Documents, best first', schema: searchResult },
  400: errorResponse('Invalid query'),
  404: errorResponse('Nothing is embedded yet'),
  502: errorResponse('The embedding provider did not answer'),
};

const searchUnlessGone = (deps: ApiDeps, params: z.output<typeof searchParams>, res: Parameters<typeof clientAbort>[0]) => {
  const client = clientAbort(res);
  return client.unlessGone(search(deps, params, client.signal));
};

export const searchDocumentsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/documents/search',
  operationId: 'searchDocuments',
  errors: ['no_embeddings', 'ai_unavailable', 'ai_not_configured'],
  permission: 'documents:read',
  summary: 'Semantic search over embedded documents',
  description,
  tags: ['documents'],
  request: { query: searchParams },
  responses,
  handler: ({ deps, query, res }) => searchUnlessGone(deps, query, res),
});

export const searchDocumentsPostRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/documents/search',
  operationId: 'searchDocumentsPost',
  errors: ['no_embeddings', 'ai_unavailable', 'ai_not_configured'],
  permission: 'documents:read',
  summary: 'Semantic search over embedded documents (query in the body)',
  description,
  tags: ['documents'],
  request: { body: searchParams },
  responses,
  handler: ({ deps, body, res }) => searchUnlessGone(deps, body, res),
});
