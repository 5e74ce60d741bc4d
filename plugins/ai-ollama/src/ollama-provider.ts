import { AiProviderError, defineAiProvider, type AiCallContext, type ChatMessage, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import { Ollama } from 'ollama';
import { ollamaProviderInfo } from './provider-info.js';
import type { OllamaSettings } from './common/config.js';
import { toOllamaError } from './common/errors.js';
import { logPullProgress } from './common/pull-progress.js';

/**
 * The `ollama` AI provider: local models through an Ollama server. Calls only the configured host;
 * nothing is downloaded unless `pullModel` is called.
 */
export function createOllamaProvider(settings: OllamaSettings) {
  /**
   * Runs `work` with a client whose every request carries `ctx.signal` (and the call timeout when
   * `bounded`): the ollama SDK takes no per-call signal, so it goes in through its `fetch` option.
   */
  async function withClient<T>(ctx: AiCallContext, model: string | undefined, work: (client: Ollama) => Promise<T>, bounded = true): Promise<T> {
    const timeout = bounded ? AbortSignal.timeout(settings.timeout_ms) : undefined;
    const signal = timeout ? AbortSignal.any([ctx.signal, timeout]) : ctx.signal;
    const client = new Ollama({
      host: settings.baseUrl,
      fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    });
    try {
      signal.throwIfAborted();
      const result = await work(client);
      // A stream cut by the signal may end quietly; a cut-off answer is a failure.
      signal.throwIfAborted();
      return result;
    } catch (error) {
      throw toOllamaError(error, settings, { signal: ctx.signal, timedOut: timeout?.aborted === true && !ctx.signal.aborted, model });
    }
  }

  function listModels(ctx: AiCallContext) {
    return withClient(ctx, undefined, async (client) => (await client.list()).models.map((m) => ({ id: m.name })));
  }

  return defineAiProvider({
    ...ollamaProviderInfo(settings),

    generate(request, ctx) {
      const model = request.model ?? settings.default_model;
      return withClient(ctx, model, (client) => (plainPrompt(request.messages) ? viaGenerate(client, request, model, settings, ctx) : viaChat(client, request, model, settings, ctx)));
    },

    embed({ texts, model = settings.embedding_model }, ctx) {
      return withClient(ctx, model, async (client) => {
        const answer = await client.embed({ model, input: texts, keep_alive: settings.keep_alive });
        return { model: answer.model || model, vectors: answer.embeddings, usage: { inputTokens: answer.prompt_eval_count ?? 0, outputTokens: 0 } };
      });
    },

    pullModel(model, ctx) {
      return withClient(
        ctx,
        model,
        async (client) => {
          ctx.log.info({ model, host: settings.baseUrl }, 'pulling model');
          const progress = logPullProgress(ctx.log, model);
          for await (const part of await client.pull({ model, stream: true })) {
            progress(part);
            ctx.onProgress?.({ status: part.status, ...(part.total ? { completed: part.completed ?? 0, total: part.total } : {}) });
          }
        },
        false,
      );
    },

    listModels,

    async health(ctx) {
      try {
        const { version } = await withClient(ctx, undefined, (client) => client.version());
        return { ok: true, detail: `Ollama ${version} at ${settings.baseUrl}` };
      } catch (error) {
        // Nothing at the default address and no host chosen: Ollama is simply not set up here.
        const unused = !settings.hostChosen && error instanceof AiProviderError && error.reason === 'connection';
        return { ok: false, detail: (error as Error).message, ...(unused ? { configured: false } : {}) };
      }
    },
  });
}

/** One user message, maybe after one system message: Ollama's `/api/generate` applies the model's own template. */
function plainPrompt(messages: ChatMessage[]): boolean {
  const [first, second] = messages;
  return (messages.length === 1 && first?.role === 'user') || (messages.length === 2 && first?.role === 'system' && second?.role === 'user');
}

function modelOptions(request: GenerateRequest) {
  return {
    format: request.jsonSchema,
    options: { ...(request.maxTokens === undefined ? {} : { num_predict: request.maxTokens }), ...(request.temperature === undefined ? {} : { temperature: request.temperature }) },
  };
}

interface StreamedPart {
  model: string;
  done: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

async function collect<P extends StreamedPart>(parts: AsyncIterable<P>, pieceOf: (part: P) => string | undefined, model: string, ctx: AiCallContext): Promise<GenerateResult> {
  let text = '';
  let last: P | undefined;
  for await (const part of parts) {
    const piece = pieceOf(part);
    if (piece) {
      text += piece;
      ctx.onToken?.(piece);
    }
    last = part;
  }
  const reason = last?.done_reason;
  return {
    text,
    model: last?.model || model,
    usage: { inputTokens: last?.prompt_eval_count ?? 0, outputTokens: last?.eval_count ?? 0 },
    finishReason: reason === 'stop' ? 'stop' : reason === 'length' ? 'length' : 'other',
  };
}

async function viaGenerate(client: Ollama, request: GenerateRequest, model: string, settings: OllamaSettings, ctx: AiCallContext) {
  const system = request.messages.length === 2 ? request.messages[0]!.content : undefined;
  const prompt = request.messages.at(-1)!.content;
  const parts = await client.generate({ model, prompt, system, stream: true, keep_alive: settings.keep_alive, ...modelOptions(request) });
  return collect(parts, (part) => part.response, model, ctx);
}

async function viaChat(client: Ollama, request: GenerateRequest, model: string, settings: OllamaSettings, ctx: AiCallContext) {
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  const parts = await client.chat({ model, messages, stream: true, keep_alive: settings.keep_alive, ...modelOptions(request) });
  return collect(parts, (part) => part.message?.content, model, ctx);
}
