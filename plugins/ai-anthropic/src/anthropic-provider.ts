import { AiProviderError, defineAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicProviderInfo } from './provider-info.js';
import type { AnthropicSettings } from './common/config.js';
import { toAnthropicError } from './common/errors.js';

type StreamParams = Anthropic.Messages.MessageCreateParamsStreaming;

/** The `anthropic` AI provider: Claude models through the Messages API, always streamed (SSE). */
export function createAnthropicProvider(settings: AnthropicSettings) {
  let client: Anthropic | undefined;

  /**
   * Runs `run` with one signal: the caller's `ctx.signal` or `timeout_ms` over the whole call, whichever
   * fires first (the SDK's own timeout stops at the response headers; a stalled stream must end too).
   */
  async function call<T>(ctx: AiCallContext, model: string | undefined, run: (client: Anthropic, signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!settings.apiKey) {
      throw new AiProviderError('anthropic', 'not_configured', 'Anthropic needs an API key: set ANTHROPIC_API_KEY.');
    }
    client ??= new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl, timeout: settings.timeout_ms, maxRetries: settings.max_retries });
    const timeout = AbortSignal.timeout(settings.timeout_ms);
    try {
      return await run(client, AbortSignal.any([ctx.signal, timeout]));
    } catch (error) {
      throw toAnthropicError(error, settings, { signal: ctx.signal, timedOut: timeout.aborted && !ctx.signal.aborted, model });
    }
  }

  function listModels(ctx: AiCallContext) {
    return call(ctx, undefined, async (anthropic, signal) => {
      const models = [];
      for await (const model of anthropic.models.list({}, { signal })) {
        models.push(model.max_input_tokens ? { id: model.id, contextLength: model.max_input_tokens } : { id: model.id });
      }
      return models;
    });
  }

  return defineAiProvider({
    ...anthropicProviderInfo(settings),

    generate(request, ctx) {
      const model = request.model ?? settings.default_model;
      return call(ctx, model, (anthropic, signal) => streamMessage(anthropic, messageParams(request, model, settings), signal, ctx));
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
  // The SDK ends the iteration quietly when the signal aborts; a cut-off answer is a failure.
  signal.throwIfAborted();
  const finishReason = stop === 'end_turn' || stop === 'stop_sequence' ? 'stop' : stop === 'max_tokens' ? 'length' : 'other';
  return { text, model, usage, finishReason };
}

function isNotConfigured(error: unknown): boolean {
  return error instanceof AiProviderError && error.reason === 'not_configured';
}
