import { aiWorkflowTemplates, buildTemplateWorkflow, findTemplate, type AiWorkflowRecord, type WorkflowDefinition, type WorkflowRecord } from '@dwc/runtime';
import { InputError, NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import type { ApiDeps } from '../../api-deps.js';
import { i18nSchema, i18nWire } from '../i18n-wire.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { execute, executeResponses, waitQuery } from '../executions/execute-routes.js';
import { toWorkflowWire, workflowIdParams, workflowSchema } from '../workflows/workflow-wire.js';
import { usageAggregateSchema, usageAggregateWire } from './ai-wire.js';

const tags = ['ai-workflows'];
const templateNames = aiWorkflowTemplates.map((t) => t.name) as [string, ...string[]];

const aiWorkflowSchema = workflowSchema
  .extend({
    workflow_type: z.string(),
    template_name: z.string(),
    ai_provider: z.string().nullable(),
    input_data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AiWorkflow' });

const createBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  template_name: z.enum(templateNames).optional().meta({ description: 'Defaults to `workflow_type`' }),
  workflow_type: z.enum(templateNames),
  input_data: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Values for the template inputs; execution input overrides them' }),
  ai_provider: z.string().regex(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/).max(100).optional().meta({ description: 'Provider the AI steps use first' }),
  fallback: z.array(z.string().regex(/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/).max(100)).max(10).optional().meta({ description: 'Providers to fall back on' }),
});

function toAiWorkflowWire(workflow: WorkflowRecord<WorkflowDefinition>, ai: AiWorkflowRecord) {
  return { ...toWorkflowWire(workflow), workflow_type: ai.workflowType, template_name: ai.templateName, ai_provider: ai.provider, input_data: ai.inputData };
}

async function findAiWorkflow(deps: ApiDeps, id: string) {
  const ai = await deps.ai.workflows.get(id);
  if (!ai) throw new NotFoundError(`No AI workflow with id "${id}".`, { code: 'ai_workflow_not_found' });
  return { ai, workflow: await deps.engine.workflows.require(id) };
}

export const createAiWorkflowRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/ai-workflows',
  operationId: 'createAiWorkflow',
  errors: ['template_not_found'],
  permission: 'ai:write',
  summary: 'Create a workflow from an AI template',
  description: 'The result is a normal, versioned workflow (also under /api/v3/workflows) marked with its type and template.',
  tags,
  request: { body: createBody },
  responses: { 201: { description: 'The created AI workflow', schema: aiWorkflowSchema }, 400: errorResponse('Invalid body, or a template step its actions cannot take (`action_not_found`, `invalid_step_input`)'), 404: errorResponse('No such template') },
  handler: async ({ deps, body, res }) => {
    const template = findTemplate(body.template_name ?? body.workflow_type);
    if (template.workflowType !== body.workflow_type) {
      throw new InputError(`Template "${template.name}" makes "${template.workflowType}" workflows, not "${body.workflow_type}".`, { details: { workflow_type: [`must be "${template.workflowType}" for this template`] } });
    }
    const definition = buildTemplateWorkflow(template, { name: body.name, description: body.description, inputData: body.input_data, provider: body.ai_provider, fallback: body.fallback });
    const workflow = await deps.engine.workflows.create(definition);
    const ai = await deps.ai.workflows.add({ workflowId: workflow.id, workflowType: template.workflowType, templateName: template.name, provider: body.ai_provider ?? null, inputData: body.input_data });
    res.status(201);
    return toAiWorkflowWire(workflow, ai);
  },
});

export const listAiWorkflowsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/ai-workflows',
  operationId: 'listAiWorkflows',
  permission: 'ai:read',
  summary: 'List AI workflows, newest first',
  tags,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
      workflow_type: z.enum(templateNames).optional(),
    }),
  },
  responses: { 200: { description: 'A page of AI workflows', schema: z.object({ items: z.array(aiWorkflowSchema), total: z.number().int(), limit: z.number(), offset: z.number() }) } },
  handler: async ({ deps, query }) => {
    const page = await deps.ai.workflows.list({ limit: query.limit, offset: query.offset, workflowType: query.workflow_type });
    const items = [];
    for (const ai of page.items) {
      const workflow = await deps.engine.workflows.get(ai.workflowId);
      if (workflow) items.push(toAiWorkflowWire(workflow, ai));
    }
    return { items, total: page.total, limit: query.limit, offset: query.offset };
  },
});

export const aiWorkflowTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/ai-workflows/templates',
  operationId: 'listAiWorkflowTemplates',
  permission: 'ai:read',
  summary: 'AI workflow templates with their inputs and steps',
  tags,
  responses: {
    200: {
      description: 'Every template',
      schema: z.object({
        items: z.array(
          z.object({
            name: z.string(), workflow_type: z.string(), title: z.string(), description: z.string(),
            inputs: z.record(z.string(), z.object({ description: z.string(), required: z.boolean(), default: z.unknown().optional() })),
            i18n: i18nSchema.optional().meta({ description: 'Name, description and each input\'s description (`fields.<input>.description`) in other languages' }),
            steps: z.array(z.object({ id: z.string(), type: z.string(), name: z.string().optional() })),
          }),
        ),
      }),
    },
  },
  handler: () => ({
    items: aiWorkflowTemplates.map((t) => ({
      name: t.name, workflow_type: t.workflowType, title: t.title, description: t.description, ...i18nWire(t.i18n, { fields: true }),
      inputs: Object.fromEntries(Object.entries(t.inputs).map(([key, input]) => [key, { description: input.description, required: input.required ?? false, ...(input.default !== undefined ? { default: input.default } : {}) }])),
      steps: t.steps.map((s) => ({ id: s.id, type: s.type, ...(s.name ? { name: s.name } : {}) })),
    })),
  }),
});

export const aiWorkflowStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/ai-workflows/stats',
  operationId: 'getAiWorkflowStats',
  permission: 'ai:read',
  summary: 'AI workflows: how many, their executions, tokens and cost, by provider',
  tags,
  responses: {
    200: {
      description: 'Totals over the AI workflows',
      schema: z.object({
        workflows: z.number().int(),
        by_type: z.record(z.string(), z.number().int()),
        executions: z.object({ total: z.number().int(), by_status: z.record(z.string(), z.number().int()) }),
        usage: usageAggregateSchema.omit({ key: true }),
        by_provider: z.array(usageAggregateSchema),
      }),
    },
  },
  handler: async ({ deps }) => {
    const [byType, byStatus, totals, byProvider] = await Promise.all([
      deps.ai.workflows.countByType(),
      deps.ai.workflows.executionCounts(),
      deps.ai.usage.aggregate({ aiWorkflowsOnly: true }, 'none'),
      deps.ai.usage.aggregate({ aiWorkflowsOnly: true }, 'provider'),
    ]);
    const { key: _key, ...usage } = usageAggregateWire(totals[0] ?? { key: null, calls: 0, failed: 0, cached: 0, inputTokens: 0, outputTokens: 0, costUsd: null, avgLatencyMs: 0 });
    return {
      workflows: Object.values(byType).reduce((a, b) => a + b, 0),
      by_type: byType,
      executions: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), by_status: byStatus },
      usage,
      by_provider: byProvider.map(usageAggregateWire),
    };
  },
});

export const getAiWorkflowRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/ai-workflows/{id}',
  operationId: 'getAiWorkflow',
  errors: ['ai_workflow_not_found'],
  permission: 'ai:read',
  summary: 'Get an AI workflow with its AI usage so far',
  tags,
  request: { params: workflowIdParams },
  responses: {
    200: { description: 'The AI workflow', schema: aiWorkflowSchema.extend({ usage: z.array(usageAggregateSchema).meta({ description: 'Per provider' }) }) },
    404: errorResponse('No such AI workflow'),
  },
  handler: async ({ deps, params }) => {
    const { ai, workflow } = await findAiWorkflow(deps, params.id);
    const usage = await deps.ai.usage.aggregate({ workflowId: params.id }, 'provider');
    return { ...toAiWorkflowWire(workflow, ai), usage: usage.map(usageAggregateWire) };
  },
});

export const deleteAiWorkflowRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/ai-workflows/{id}',
  operationId: 'deleteAiWorkflow',
  errors: ['ai_workflow_not_found'],
  permission: 'ai:write',
  summary: 'Delete an AI workflow',
  description: 'Like deleting a workflow: its executions, documents and usage stay readable.',
  tags,
  request: { params: workflowIdParams },
  responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such AI workflow') },
  handler: async ({ deps, params }) => {
    await findAiWorkflow(deps, params.id);
    await deps.engine.workflows.delete(params.id);
  },
});

export const executeAiWorkflowRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/ai-workflows/{id}/execute',
  operationId: 'executeAiWorkflow',
  errors: ['ai_workflow_not_found', 'invalid_template'],
  permission: 'ai:write',
  summary: 'Run an AI workflow; the body overrides its input_data',
  tags,
  request: { params: workflowIdParams, query: waitQuery, body: z.record(z.string(), z.unknown()).default({}) },
  responses: { ...executeResponses, 400: errorResponse('A required template input is missing') },
  handler: async ({ deps, params, query, body, res }) => {
    const { ai } = await findAiWorkflow(deps, params.id);
    const template = findTemplate(ai.templateName);
    const merged = { ...ai.inputData, ...body };
    const missing = Object.entries(template.inputs).filter(([key, input]) => input.required && (merged[key] === undefined || merged[key] === null || merged[key] === '')).map(([key]) => key);
    if (missing.length > 0) {
      throw new InputError(`Missing template input: ${missing.join(', ')} (give it in the body or in input_data).`, { details: Object.fromEntries(missing.map((key) => [key, ['is required']])) });
    }
    return execute(deps, params.id, body, query, res);
  },
});

/** Literal paths before `{id}`. */
export const aiWorkflowRoutes = [createAiWorkflowRoute, listAiWorkflowsRoute, aiWorkflowTemplatesRoute, aiWorkflowStatsRoute, getAiWorkflowRoute, deleteAiWorkflowRoute, executeAiWorkflowRoute];
