import { z } from 'zod';
import { TIME_RANGES } from '@dwc/runtime';
import { usageAggregateSchema, usageAggregateWire } from '../ai/ai-wire.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { workflowIdParams } from '../workflows/workflow-wire.js';
import { executionSchema, stepSchema, toExecutionWire, toStepWire } from './execution-wire.js';

const tags = ['executions'];
const executionParams = z.object({ execution_id: z.string().min(1).max(64) });
const page = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
const notFound = errorResponse('No such execution');

const statusFilter = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional();
const beforeCursor = z.string().max(64).optional().meta({ description: 'Id of the last execution of the previous page (`next_before`)' });
const executionPage = z.object({ items: z.array(executionSchema), next_before: z.string().nullable() });
const isoTime = (description: string) => z.iso.datetime({ offset: true }).optional().transform((value) => (value === undefined ? undefined : new Date(value))).meta({ description });

export const listExecutionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/executions',
  operationId: 'listExecutions',
  permission: 'workflows:read',
  summary: 'List executions of every workflow, newest first',
  tags,
  request: {
    query: z.object({
      status: statusFilter,
      workflow_id: z.string().min(1).max(64).optional(),
      from: isoTime('Only executions started (created) at or after this ISO date-time'),
      to: isoTime('Only executions started (created) at or before this ISO date-time'),
      limit: page.limit,
      before: beforeCursor,
    }),
  },
  responses: { 200: { description: 'A page of executions (without steps)', schema: executionPage } },
  handler: async ({ deps, query }) => {
    const found = await deps.engine.executionQueries.list({ workflowId: query.workflow_id, status: query.status, from: query.from, to: query.to, limit: query.limit, before: query.before });
    return { items: found.items.map((e) => toExecutionWire(e)), next_before: found.nextBefore };
  },
});

export const listWorkflowExecutionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/{id}/executions',
  operationId: 'listWorkflowExecutions',
  permission: 'workflows:read',
  summary: "List a workflow's executions, newest first",
  tags,
  request: {
    params: workflowIdParams,
    query: z.object({ status: statusFilter, limit: page.limit, before: beforeCursor }),
  },
  responses: { 200: { description: 'A page of executions (without steps)', schema: executionPage } },
  handler: async ({ deps, params, query }) => {
    const page = await deps.engine.executionQueries.list({ workflowId: params.id, status: query.status, limit: query.limit, before: query.before });
    return { items: page.items.map((e) => toExecutionWire(e)), next_before: page.nextBefore };
  },
});

export const getExecutionRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/executions/{execution_id}',
  operationId: 'getExecution',
  permission: 'workflows:read',
  summary: 'Get an execution with its first page of steps',
  tags,
  request: { params: executionParams, query: z.object({ steps_limit: page.limit, steps_offset: page.offset }) },
  responses: { 200: { description: 'The execution', schema: executionSchema }, 404: notFound },
  handler: async ({ deps, params, query }) => {
    const execution = await deps.engine.executionQueries.withSteps(params.execution_id, { limit: query.steps_limit, offset: query.steps_offset });
    return toExecutionWire(execution, execution.steps);
  },
});

export const listExecutionStepsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/executions/{execution_id}/steps',
  operationId: 'listExecutionSteps',
  permission: 'workflows:read',
  summary: "Page through an execution's steps, or one fan-out step's items",
  tags,
  request: { params: executionParams, query: z.object({ ...page, items_of: z.string().max(64).optional().meta({ description: 'List the items of this fan-out step' }) }) },
  responses: { 200: { description: 'A page of steps', schema: z.object({ items: z.array(stepSchema), limit: z.number(), offset: z.number() }) }, 404: notFound },
  handler: async ({ deps, params, query }) => {
    const steps = await deps.engine.executionQueries.steps(params.execution_id, { limit: query.limit, offset: query.offset, itemsOf: query.items_of });
    return { items: steps.map(toStepWire), limit: query.limit, offset: query.offset };
  },
});

export const getStepOutputRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/executions/{execution_id}/steps/{step_id}/output',
  operationId: 'getStepOutput',
  permission: 'workflows:read',
  summary: "A step's whole output, however large",
  tags,
  request: { params: executionParams.extend({ step_id: z.string().min(1).max(64) }), query: z.object({ item: z.coerce.number().int().min(0).optional() }) },
  responses: { 200: { description: 'The output as JSON', schema: z.unknown() }, 404: errorResponse('No such execution, step or output') },
  handler: async ({ deps, params, query, res }) => {
    const output = await deps.engine.executionQueries.stepOutput(params.execution_id, params.step_id, query.item ?? -1);
    res.type('application/json').send(JSON.stringify(output));
  },
});

export const cancelExecutionRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/executions/{execution_id}/cancel',
  operationId: 'cancelExecution',
  permission: 'workflows:write',
  summary: 'Cancel a queued or running execution',
  tags,
  request: { params: executionParams },
  responses: { 200: { description: 'The execution (cancelled, or stopping)', schema: executionSchema }, 404: notFound, 409: errorResponse('It already ended') },
  handler: async ({ deps, params }) => toExecutionWire(await deps.engine.executions.cancel(params.execution_id)),
});

export const retryExecutionRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/executions/{execution_id}/retry',
  operationId: 'retryExecution',
  permission: 'workflows:write',
  summary: 'Run a failed or cancelled execution again, keeping the steps that had succeeded',
  tags,
  request: { params: executionParams },
  responses: { 202: { description: 'The new execution', schema: executionSchema }, 404: notFound, 409: errorResponse('It did not fail') },
  handler: async ({ deps, params, res }) => {
    res.status(202);
    return toExecutionWire(await deps.engine.executions.retry(params.execution_id));
  },
});

export const rerunExecutionRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/workflows/executions/{execution_id}/rerun',
  operationId: 'rerunExecution',
  permission: 'workflows:write',
  summary: 'Re-run from a step, reusing the recorded outputs of the steps before it',
  tags,
  request: { params: executionParams, body: z.object({ from_step: z.string().min(1).max(64) }) },
  responses: { 202: { description: 'The new execution', schema: executionSchema }, 400: errorResponse('No such step'), 404: notFound, 409: errorResponse('Still running') },
  handler: async ({ deps, params, body, res }) => {
    res.status(202);
    return toExecutionWire(await deps.engine.executions.rerunFrom(params.execution_id, body.from_step));
  },
});

export const workflowAnalyticsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/workflows/{id}/analytics',
  operationId: 'getWorkflowAnalytics',
  permission: 'workflows:read',
  summary: 'Run counts, success rate, durations and failing steps of a workflow',
  description: 'With `time_range`, only runs created (and AI calls made) in the last hour, day, week or month (30 days); without it, every run, with durations from the last 1,000 that ended.',
  tags: ['workflows'],
  request: {
    params: workflowIdParams,
    query: z.object({ time_range: z.enum(Object.keys(TIME_RANGES) as [keyof typeof TIME_RANGES, ...(keyof typeof TIME_RANGES)[]]).optional() }),
  },
  responses: {
    200: {
      description: 'Analytics',
      schema: z.object({
        workflow_id: z.string(), total: z.number().int(), by_status: z.record(z.string(), z.number()), success_rate: z.number().nullable(),
        mean_duration_ms: z.number().nullable(), p50_duration_ms: z.number().nullable(), p95_duration_ms: z.number().nullable(), last_run_at: z.string().nullable(),
        step_failures: z.array(z.object({ step_id: z.string(), failures: z.number() })),
        ai_usage: z.array(usageAggregateSchema).meta({ description: 'AI calls of this workflow per provider: tokens, cost, cache hits, failures' }),
      }),
    },
    404: errorResponse('No such workflow'),
  },
  handler: async ({ deps, params, query }) => {
    const since = query.time_range === undefined ? undefined : new Date(Date.now() - TIME_RANGES[query.time_range]);
    const [a, aiUsage] = await Promise.all([deps.engine.executionQueries.analytics(params.id, since), deps.ai.usage.aggregate({ workflowId: params.id, since }, 'provider')]);
    return {
      workflow_id: params.id, total: a.total, by_status: a.byStatus, success_rate: a.successRate, mean_duration_ms: a.meanDurationMs,
      p50_duration_ms: a.p50DurationMs, p95_duration_ms: a.p95DurationMs, last_run_at: a.lastRunAt?.toISOString() ?? null,
      step_failures: a.stepFailures.map((f) => ({ step_id: f.stepId, failures: f.failures })),
      ai_usage: aiUsage.map(usageAggregateWire),
    };
  },
});
