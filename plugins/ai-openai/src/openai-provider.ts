import { AiProviderError, defineAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import OpenAI from 'openai';
import { openaiProviderInfo } from './provider-info.js';
import type { OpenAiSettings } from './common/config.js';
import { toOpenAiError } from './common/errors.js';

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/** The `openai` AI provider: chat completions, embeddings and models of OpenAI or any compatible server. */
export function createOpenAiProvider(settings: OpenAiSettings) {
  let client: OpenAI | undefined;
  function clientOrThrow(): OpenAI {
    if (!settings.apiKey && settings.keyRequired) {
      throw new AiProviderError('openai', 'not_configured', 'OpenAI needs an API key: set OPENAI_API_KEY (or point base_url / OPENAI_BASE_URL at a local OpenAI-compatible server).');
    }
    // A local compatible server ignores the key; the SDK insists on one, so it gets a placeholder.
    client ??= new OpenAI({ apiKey: settings.apiKey ?? 'no-key', baseURL: settings.baseUrl, organization: null, project: null, timeout: settings.timeout_ms, maxRetries: settings.max_retries });
    return client;
  }

  /**
   * Runs `run` with one signal: the caller's `ctx.signal` or `timeout_ms` over the whole call, whichever
   * fires first (the SDK's own timeout stops at the response headers; a stalled stream must end too).
   */
  async function call<T>(ctx: AiCallContext, model: string | undefined, run: (client: OpenAI, signal: AbortSignal) => Promise<T>): Promise<T> {
    const openai = clientOrThrow();
    const timeout = AbortSignal.timeout(settings.timeout_ms);
    try {
      return await run(openai, AbortSignal.any([ctx.signal, timeout]));
    } catch (error) {
      throw toOpenAiError(error, settings, { signal: ctx.signal, timedOut: timeout.aborted && !ctx.signal.aborted, model });
    }
  }

  function listModels(ctx: AiCallContext) {
    return call(ctx, undefined, async (openai, signal) => {
      const ids: string[] = [];
      for await (const model of openai.models.list({ signal })) ids.push(model.id);
      return ids.sort().map((id) => ({ id }));
    });
  }

  return defineAiProvider({
    ...openaiProviderInfo(settings),

    generate(request, ctx) {
      const model = request.model ?? settings.default_model;
      return call(ctx, model, (openai, signal) => streamChat(openai, chatParams(request, model), signal, ctx));
    },

    embed({ texts, model = settings.embedding_model }, ctx) {
      return call(ctx, model, async (openai, signal) => {
        const answer = await openai.embeddings.create({ model, input: texts, encoding_format: 'float' }, { signal });
        const vectors = [...answer.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        return { model: answer.model, vectors, usage: { inputTokens: answer.usage?.prompt_tokens ?? 0, outputTokens: 0 } };
      });
    },

    listModels,

    async health(ctx) {
      try {
        const models = await listModels(ctx);
        return { ok: true, detail: `${models.length} models at ${settings.baseUrl}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message, ...(isNotConfigured(error) ? { configured: false } : {}) };
      }
    },
  });
}

function chatParams(request: GenerateRequest, model: string): ChatParams {
  return {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.maxTokens === undefined ? {} : { max_completion_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    // strict: false accepts any JSON Schema; strict mode would refuse schemas without additionalProperties: false.
    ...(request.jsonSchema === undefined
      ? {}
      : { response_format: { type: 'json_schema', json_schema: { name: 'result', schema: request.jsonSchema, strict: false } } }),
  };
}

/** Always streams (SSE); tokens go to `onToken` when given. Usage arrives in the final chunk. */
async function streamChat(openai: OpenAI, params: ChatParams, signal: AbortSignal, ctx: AiCallContext): Promise<GenerateResult> {
  const stream = await openai.chat.completions.create(params, { signal });
  let text = '';
  let model = params.model;
  let finish: string | null = null;
  let usage = { inputTokens: 0, outputTokens: 0 };
  for await (const chunk of stream) {
    model = chunk.model || model;
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
    const choice = chunk.choices[0];
    if (!choice) continue;
    const piece = choice.delta?.content;
    if (piece) {
      text += piece;
      ctx.onToken?.(piece);
    }
    finish = choice.finish_reason ?? finish;
  }
  // The SDK ends the iteration quietly when the signal aborts; a cut-off answer is a failure.
  signal.throwIfAborted();
  return { text, model, usage, finishReason: finish === 'stop' ? 'stop' : finish === 'length' ? 'length' : 'other' };
}

function isNotConfigured(error: unknown): boolean {
  return error instanceof AiProviderError && error.reason === 'not_configured';
}
