import { AiCallCancelledError } from '@dwc/runtime';
import { InputError, NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import { i18nSchema, i18nWire } from '../i18n-wire.js';
import { defineRoute } from '../../define-route.js';
import { toHttpError } from '../../error-handler.js';
import { errorResponse } from '../../error-response.js';
import { requestLanguage } from '../../request-validation.js';
import { requestState } from '../../request-context.js';
import { clientAbort } from './ai-wire.js';

const providerSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    description: z.string(),
    i18n: i18nSchema.optional(),
    plugin: z.string(),
    capabilities: z.object({ generation: z.boolean().meta({ description: 'Writes text; false for an analyser with no language model' }), streaming: z.boolean(), embeddings: z.boolean(), structured_output: z.boolean(), analysis: z.boolean(), model_management: z.boolean(), offline: z.boolean() }),
    readiness: z
      .object({ state: z.enum(['configured', 'probe', 'unconfigured']), hint: z.string().optional() })
      .meta({ description: 'Whether it is set up: `configured`, `probe` (usable when its server answers) or `unconfigured`; `hint` says what to set' }),
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
          type: p.type, title: p.title, description: p.description, plugin, ...i18nWire(p.i18n),
          capabilities: { generation: c.generation !== false, streaming: c.streaming, embeddings: c.embeddings, structured_output: c.structuredOutput, analysis: c.analysis, model_management: c.modelManagement, offline: c.offline },
          readiness: p.readiness ?? { state: 'configured' as const },
          health: { ok: health.ok, ...(health.detail ? { detail: health.detail } : {}), latency_ms: health.latencyMs, checked_at: health.checkedAt.toISOString() },
          ...models,
        };
      }),
    );
    return { items };
  },
});

export const pullAiModelRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/ai/providers/{type}/pull',
  operationId: 'pullAiModel',
  errors: ['ai_provider_not_found', 'ai_model_management_unsupported', 'ai_connection', 'ai_server_error', 'ai_model_not_found', 'ai_timeout'],
  permission: 'ai:admin',
  summary: 'Download a model into a provider that manages its models (Ollama), so it runs offline',
  description:
    'Answers once the download finished (progress goes to the server log). With `stream: true` the answer is `text/event-stream`: `event: progress` with `{"status","completed","total","percent"}` (bytes and percent when the provider knows them), then `event: done` with the result or `event: error` with `{"error": {...}}`. Closing the connection stops the download. Providers without model management answer 400.',
  tags: ['ai'],
  request: {
    params: z.object({ type: z.string().min(1).max(100) }),
    body: z.object({
      model: z.string().min(1).max(200).meta({ description: 'Model name, e.g. `llama3.2` or `qwen2.5:0.5b`' }),
      timeout_ms: z.number().int().min(1_000).max(6 * 3_600_000).default(3_600_000).meta({ description: 'Give up after this long' }),
      stream: z.boolean().default(false).meta({ description: 'Answer with server-sent progress events' }),
    }),
  },
  responses: {
    200: { description: 'The model is installed', schema: z.object({ provider: z.string(), model: z.string(), duration_ms: z.number() }) },
    400: errorResponse('The provider does not download models'),
    404: errorResponse('No such provider'),
    502: errorResponse('The provider refused or failed the download'),
  },
  handler: async ({ deps, params, body, req, res, log }) => {
    const provider = deps.ai.service.providers().find((p) => p.definition.type === params.type)?.definition;
    if (!provider) throw new NotFoundError(`No AI provider "${params.type}" is registered.`, { code: 'ai_provider_not_found' });
    if (!provider.capabilities.modelManagement) {
      throw new InputError(`AI provider "${params.type}" does not download models; pull them where it runs.`, { code: 'ai_model_management_unsupported' });
    }
    const started = performance.now();
    // A client that hangs up stops the download.
    const client = clientAbort(res);
    const result = () => ({ provider: params.type, model: body.model, duration_ms: Math.round(performance.now() - started) });
    if (!body.stream) {
      await client.unlessGone(deps.ai.service.pullModel(params.type, body.model, body.timeout_ms, client.signal));
      return client.signal.aborted ? undefined : result();
    }

    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    try {
      await deps.ai.service.pullModel(params.type, body.model, body.timeout_ms, client.signal, (progress) =>
        send('progress', progress.total ? { ...progress, percent: Math.floor(((progress.completed ?? 0) / progress.total) * 100) } : progress),
      );
      send('done', result());
    } catch (error) {
      if (!(error instanceof AiCallCancelledError) && !client.signal.aborted) {
        const reply = toHttpError(error, requestState(res).id, (thrown) => (deps.errors ? deps.errors.translate(thrown) : thrown), requestLanguage(req));
        if (reply.status >= 500) log.warn({ err: error }, 'AI model pull stream failed');
        send('error', reply.body);
      }
    } finally {
      res.end();
    }
    return undefined;
  },
});
