import { NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestLanguage } from '../../request-validation.js';
import { toWorkflowListItemWire, workflowListItemSchema } from './workflow-list-item.js';
import { invalidDefinitionResponse, toWorkflowWire, workflowBodySchema, workflowIdParams, workflowSchema } from './workflow-wire.js';

const tags = ['workflows'];

export const createWorkflowRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows',
  operationId: 'createWorkflow',
  errors: ['invalid_workflow', 'workflow_cycle'],
  permission: 'workflows:write',
  summary: 'Create a workflow (version 1)',
  tags,
  request: { body: workflowBodySchema },
  responses: { 201: { description: 'The created workflow', schema: workflowSchema }, 400: invalidDefinitionResponse },
  handler: async ({ deps, body, req, res }) => {
    const workflow = await deps.engine.workflows.create(body, requestLanguage(req));
    res.status(201);
    return toWorkflowWire(workflow);
  },
});

export const listWorkflowsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows',
  operationId: 'listWorkflows',
  permission: 'workflows:read',
  summary: 'List workflows, most recently changed first',
  description: 'Each item carries its newest execution (`last_execution`), read for the whole page at once.',
  tags,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
      search: z.string().max(200).optional().meta({ description: 'Part of the name' }),
    }),
  },
  responses: { 200: { description: 'A page of workflows', schema: z.object({ items: z.array(workflowListItemSchema), total: z.number().int(), limit: z.number(), offset: z.number() }) } },
  handler: async ({ deps, query }) => {
    const page = await deps.engine.workflows.list(query);
    const latest = await deps.engine.executionQueries.latestOfWorkflows(page.items.map((w) => w.id));
    return { items: page.items.map((w) => toWorkflowListItemWire(w, latest.get(w.id))), total: page.total, limit: query.limit, offset: query.offset };
  },
});

export const getWorkflowRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/{id}',
  operationId: 'getWorkflow',
  errors: ['workflow_not_found'],
  permission: 'workflows:read',
  summary: 'Get a workflow at its latest version',
  tags,
  request: { params: workflowIdParams },
  responses: { 200: { description: 'The workflow', schema: workflowSchema }, 404: errorResponse('No such workflow') },
  handler: async ({ deps, params }) => toWorkflowWire(await deps.engine.workflows.require(params.id)),
});

export const updateWorkflowRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/workflows/{id}',
  operationId: 'updateWorkflow',
  errors: ['workflow_not_found', 'invalid_workflow', 'workflow_cycle'],
  permission: 'workflows:write',
  summary: 'Replace the definition, making a new version',
  description: 'Earlier versions stay as they were; executions keep running the version they pinned.',
  tags,
  request: { params: workflowIdParams, body: workflowBodySchema },
  responses: { 200: { description: 'The workflow at its new version', schema: workflowSchema }, 400: invalidDefinitionResponse, 404: errorResponse('No such workflow') },
  handler: async ({ deps, params, body, req }) => toWorkflowWire(await deps.engine.workflows.update(params.id, body, requestLanguage(req))),
});

export const deleteWorkflowRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/workflows/{id}',
  operationId: 'deleteWorkflow',
  errors: ['workflow_not_found'],
  permission: 'workflows:write',
  summary: 'Delete a workflow',
  description: 'Its executions and versions stay readable.',
  tags,
  request: { params: workflowIdParams },
  responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such workflow') },
  handler: async ({ deps, params }) => {
    await deps.engine.workflows.delete(params.id);
  },
});

export const listWorkflowVersionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/{id}/versions',
  operationId: 'listWorkflowVersions',
  errors: ['workflow_not_found'],
  permission: 'workflows:read',
  summary: "List a workflow's versions, newest first",
  tags,
  request: { params: workflowIdParams },
  responses: {
    200: { description: 'Versions', schema: z.object({ items: z.array(z.object({ version: z.number().int(), name: z.string(), created_at: z.string() })) }) },
    404: errorResponse('No such workflow'),
  },
  handler: async ({ deps, params }) => ({
    items: (await deps.engine.workflows.versions(params.id)).map((v) => ({ version: v.version, name: v.name, created_at: v.createdAt.toISOString() })),
  }),
});

export const getWorkflowVersionRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/{id}/versions/{version}',
  operationId: 'getWorkflowVersion',
  errors: ['workflow_not_found', 'version_not_found'],
  permission: 'workflows:read',
  summary: 'Get one immutable version of a workflow',
  tags,
  request: { params: workflowIdParams.extend({ version: z.coerce.number().int().min(1) }) },
  responses: {
    200: { description: 'The definition of that version', schema: z.object({ workflow_id: z.string(), version: z.number().int(), definition: z.record(z.string(), z.unknown()), created_at: z.string() }) },
    404: errorResponse('No such workflow or version'),
  },
  handler: async ({ deps, params }) => {
    await deps.engine.workflows.require(params.id);
    const version = await deps.engine.workflows.version(params.id, params.version);
    if (!version) {
      throw new NotFoundError(`Workflow ${params.id} has no version ${params.version}.`, { code: 'version_not_found' });
    }
    return { workflow_id: params.id, version: version.version, definition: version.definition as Record<string, unknown>, created_at: version.createdAt.toISOString() };
  },
});
