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
