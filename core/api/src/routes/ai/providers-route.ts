import { z } from 'zod';
import { defineRoute } from '../../define-route.js';

const providerSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    description: z.string(),
    plugin: z.string(),
    capabilities: z.object({ streaming: z.boolean(), embeddings: z.boolean(), structured_output: z.boolean(), analysis: z.boolean(), model_management: z.boolean(), offline: z.boolean() }),
    health: z.object({ ok: z.boolean(), detail: z.string().optional(), latency_ms: z.number(), checked_at: z.string() }),
    models: z.array(z.object({ id: z.string(), context_length: z.number().optional() })).nullable().meta({ description: 'Null when the provider could not list them (see `models_error`)' }),
    models_error: z.string().optional(),
  })
  .meta({ id: 'AiProvider' });

export const aiProvidersRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/ai/providers',
  operationId: 'listAiProviders',
  permission: 'ai:read',
  summary: 'Registered AI providers with their capabilities, health and models',
  description: 'Health answers are reused for DWC_AI_HEALTH_CACHE_MS; each probe and model listing is bounded in time.',
  tags: ['ai'],
  request: { query: z.object({ models: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').meta({ description: 'Also list each provider\'s models' }) }) },
  responses: { 200: { description: 'Providers in registration order', schema: z.object({ items: z.array(providerSchema) }) } },
  handler: async ({ deps, query }) => {
    const items = await Promise.all(
      deps.ai.service.providers().map(async ({ plugin, definition: p }) => {
        const health = await deps.ai.service.health(p.type);
        const models = query.models
          ? await deps.ai.service.listModels(p.type, AbortSignal.timeout(3_000)).then(
              (list) => ({ models: list.map((m) => ({ id: m.id, ...(m.contextLength ? { context_length: m.contextLength } : {}) })) }),
              (error: unknown) => ({ models: null, models_error: (error as Error).message }),
            )
          : { models: null };
        const c = p.capabilities;
        return {
          type: p.type, title: p.title, description: p.description, plugin,
          capabilities: { streaming: c.streaming, embeddings: c.embeddings, structured_output: c.structuredOutput, analysis: c.analysis, model_management: c.modelManagement, offline: c.offline },
          health: { ok: health.ok, ...(health.detail ? { detail: health.detail } : {}), latency_ms: health.latencyMs, checked_at: health.checkedAt.toISOString() },
          ...models,
        };
      }),
    );
    return { items };
  },
});
