import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { usageAggregateSchema, usageAggregateWire } from './ai-wire.js';

export const aiUsageRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/ai/usage',
  operationId: 'getAiUsage',
  permission: 'ai:read',
  summary: 'AI calls totalled per provider, model, workflow, execution, step or operation',
  description: 'Tokens, cost (from the `aiPrices` table; null where unpriced), cache hits, failures and mean latency.',
  tags: ['ai'],
  request: {
    query: z.object({
      group_by: z.enum(['provider', 'model', 'workflow', 'execution', 'step', 'operation', 'none']).default('provider'),
      workflow_id: z.string().max(64).optional(),
      execution_id: z.string().max(64).optional(),
      step_id: z.string().max(64).optional(),
      provider: z.string().max(100).optional(),
    }),
  },
  responses: { 200: { description: 'One row per group, most calls first (at most 500)', schema: z.object({ group_by: z.string(), items: z.array(usageAggregateSchema) }) } },
  handler: async ({ deps, query }) => {
    const rows = await deps.ai.usage.aggregate({ workflowId: query.workflow_id, executionId: query.execution_id, stepId: query.step_id, provider: query.provider }, query.group_by);
    return { group_by: query.group_by, items: rows.map(usageAggregateWire) };
  },
});

const callSchema = z
  .object({
    id: z.string(), created_at: z.string(), provider: z.string(), model: z.string(), operation: z.string(),
    input_tokens: z.number().int(), output_tokens: z.number().int(), latency_ms: z.number(), cost_usd: z.number().nullable(),
    cached: z.boolean(), outcome: z.enum(['ok', 'failed']), reason: z.string().nullable(),
    execution_id: z.string().nullable(), step_id: z.string().nullable(), workflow_id: z.string().nullable(),
  })
  .meta({ id: 'AiCall' });

export const aiUsageCallsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/ai/usage/calls',
  operationId: 'listAiCalls',
  permission: 'ai:read',
  summary: 'Recorded AI calls, oldest first: one row per provider call, cache hit or failed attempt',
  tags: ['ai'],
  request: {
    query: z
      .object({
        workflow_id: z.string().max(64).optional(),
        execution_id: z.string().max(64).optional(),
        step_id: z.string().max(64).optional(),
        provider: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      })
      .refine((q) => q.workflow_id !== undefined || q.execution_id !== undefined, { message: 'give workflow_id or execution_id', path: ['execution_id'] }),
  },
  responses: { 200: { description: 'The calls', schema: z.object({ items: z.array(callSchema) }) } },
  handler: async ({ deps, query }) => {
    const calls = await deps.ai.usage.calls({ workflowId: query.workflow_id, executionId: query.execution_id, stepId: query.step_id, provider: query.provider, limit: query.limit });
    return {
      items: calls.map((c) => ({
        id: c.id, created_at: c.createdAt.toISOString(), provider: c.provider, model: c.model, operation: c.operation,
        input_tokens: c.inputTokens, output_tokens: c.outputTokens, latency_ms: c.latencyMs, cost_usd: c.costUsd, cached: c.cached,
        outcome: c.outcome, reason: c.reason ?? null, execution_id: c.executionId ?? null, step_id: c.stepId ?? null, workflow_id: c.workflowId ?? null,
      })),
    };
  },
});
