import { defineRemoteAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import OpenAI from 'openai';
import { openaiProviderInfo } from './provider-info.js';
import type { OpenAiSettings } from './common/config.js';
import { toOpenAiError } from './common/errors.js';

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/** The `openai` AI provider: chat completions, embeddings and models of OpenAI or any compatible server. */
export function createOpenAiProvider(settings: OpenAiSettings) {
  const connection = {
    vendor: 'OpenAI',
    baseUrl: settings.baseUrl,
    hostSetting: 'base_url / OPENAI_BASE_URL',
    keySetting: 'OPENAI_API_KEY',
    timeoutMs: settings.timeout_ms,
    // A local compatible server ignores the key; the SDK insists on one, so it gets a placeholder.
    createClient: () =>
      new OpenAI({ apiKey: settings.apiKey ?? 'no-key', baseURL: settings.baseUrl, organization: null, project: null, timeout: settings.timeout_ms, maxRetries: settings.max_retries }),
    toError: toOpenAiError,
  };
  return defineRemoteAiProvider(openaiProviderInfo(settings), connection, (call) => ({
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

    listModels: (ctx: AiCallContext) =>
      call(ctx, undefined, async (openai, signal) => {
        const ids: string[] = [];
        for await (const model of openai.models.list({ signal })) ids.push(model.id);
        return ids.sort().map((id) => ({ id }));
      }),
  }));
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
  return { text, model, usage, finishReason: finish === 'stop' ? 'stop' : finish === 'length' ? 'length' : 'other' };
}
