import { exportDocument } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { documentSchema, summarySchema, toSummary } from './document-wire.js';

const tags = ['documents'];
const idParams = z.object({ id: z.string().min(1).max(64) });


export const listDocumentsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/documents',
  operationId: 'listDocuments',
  permission: 'documents:read',
  summary: 'List documents, newest first (without content)',
  tags,
  request: {
    query: z.object({
      execution_id: z.string().max(64).optional(),
      workflow_id: z.string().max(64).optional(),
      q: z.string().max(200).optional().meta({ description: 'Text in the title or content' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.string().max(64).optional().meta({ description: 'Id of the last document of the previous page' }),
    }),
  },
  responses: { 200: { description: 'A page of documents', schema: z.object({ items: z.array(summarySchema), next_before: z.string().nullable() }) } },
  handler: async ({ deps, query }) => {
    const items = await deps.engine.documents.list({ executionId: query.execution_id, workflowId: query.workflow_id, query: query.q, limit: query.limit, before: query.before });
    return { items: items.map(toSummary), next_before: items.length === query.limit ? items.at(-1)!.id : null };
  },
});

export const getDocumentRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/documents/{id}',
  operationId: 'getDocument',
  errors: ['document_not_found'],
  permission: 'documents:read',
  summary: 'Get a document with its content',
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'The document', schema: documentSchema }, 404: errorResponse('No such document') },
  handler: async ({ deps, params }) => {
    const document = await deps.engine.documents.get(params.id);
    return { ...toSummary(document), content: document.content };
  },
});

export const documentLineageRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/documents/{id}/lineage',
  operationId: 'getDocumentLineage',
  errors: ['document_not_found'],
  permission: 'documents:read',
  summary: 'The documents this one came from, and those derived from it',
  tags,
  request: { params: idParams },
  responses: {
    200: { description: 'Lineage', schema: z.object({ document: summarySchema, ancestors: z.array(summarySchema), descendants: z.array(summarySchema) }) },
    404: errorResponse('No such document'),
  },
  handler: async ({ deps, params }) => {
    const document = await deps.engine.documents.get(params.id);
    const lineage = await deps.engine.documents.lineage(params.id);
    return { document: toSummary(document), ancestors: lineage.ancestors.map(toSummary), descendants: lineage.descendants.map(toSummary) };
  },
});

export const exportDocumentRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/documents/{id}/export',
  operationId: 'exportDocument',
  errors: ['document_not_found'],
  permission: 'documents:read',
  summary: 'Download a document as Markdown, HTML or JSON',
  tags,
  request: { params: idParams, query: z.object({ format: z.enum(['md', 'html', 'json']).default('md') }) },
  responses: {
    200: { description: 'The file', schema: z.string(), contentType: 'text/markdown' },
    404: errorResponse('No such document'),
  },
  handler: async ({ deps, params, query, res }) => {
    const file = exportDocument(await deps.engine.documents.get(params.id), query.format);
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  },
});
