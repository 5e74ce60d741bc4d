import { defineRemoteAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicProviderInfo } from './provider-info.js';
import type { AnthropicSettings } from './common/config.js';
import { toAnthropicError } from './common/errors.js';

type StreamParams = Anthropic.Messages.MessageCreateParamsStreaming;

/** The `anthropic` AI provider: Claude models through the Messages API, always streamed (SSE). */
export function createAnthropicProvider(settings: AnthropicSettings) {
  const connection = {
    vendor: 'Anthropic',
    baseUrl: settings.baseUrl,
    hostSetting: 'base_url / ANTHROPIC_BASE_URL',
    keySetting: 'ANTHROPIC_API_KEY',
    timeoutMs: settings.timeout_ms,
    createClient: () => new Anthropic({ apiKey: settings.apiKey!, baseURL: settings.baseUrl, timeout: settings.timeout_ms, maxRetries: settings.max_retries }),
    toError: toAnthropicError,
  };
  return defineRemoteAiProvider(anthropicProviderInfo(settings), connection, (call) => ({
    generate(request, ctx) {
      const model = request.model ?? settings.default_model;
      return call(ctx, model, (anthropic, signal) => streamMessage(anthropic, messageParams(request, model, settings), signal, ctx));
    },

    listModels: (ctx: AiCallContext) =>
      call(ctx, undefined, async (anthropic, signal) => {
        const models = [];
        for await (const model of anthropic.models.list({}, { signal })) {
          models.push(model.max_input_tokens ? { id: model.id, contextLength: model.max_input_tokens } : { id: model.id });
        }
        return models;
      }),
  }));
}

/** System messages become the `system` parameter; the rest stay a user/assistant conversation. */
function messageParams(request: GenerateRequest, model: string, settings: AnthropicSettings): StreamParams {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  return {
    model,
    max_tokens: request.maxTokens ?? settings.max_tokens,
    stream: true,
    messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
    ...(system ? { system } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.jsonSchema === undefined ? {} : { output_config: { format: { type: 'json_schema', schema: request.jsonSchema } } }),
  };
}

async function streamMessage(anthropic: Anthropic, params: StreamParams, signal: AbortSignal, ctx: AiCallContext): Promise<GenerateResult> {
  const stream = await anthropic.messages.create(params, { signal });
  let text = '';
  let model = params.model;
  let stop: string | null = null;
  const usage = { inputTokens: 0, outputTokens: 0 };
  for await (const event of stream) {
    if (event.type === 'message_start') {
      model = event.message.model || model;
      usage.inputTokens = event.message.usage.input_tokens;
      usage.outputTokens = event.message.usage.output_tokens;
    } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      text += event.delta.text;
      ctx.onToken?.(event.delta.text);
    } else if (event.type === 'message_delta') {
      stop = event.delta.stop_reason ?? stop;
      usage.outputTokens = event.usage.output_tokens;
      if (event.usage.input_tokens != null) usage.inputTokens = event.usage.input_tokens;
    }
  }
  const finishReason = stop === 'end_turn' || stop === 'stop_sequence' ? 'stop' : stop === 'max_tokens' ? 'length' : 'other';
  return { text, model, usage, finishReason };
}
