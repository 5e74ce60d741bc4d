import { AiProviderError, defineAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import { FinishReason, GoogleGenAI, type GenerateContentConfig } from '@google/genai';
import { googleProviderInfo } from './provider-info.js';
import type { GoogleSettings } from './common/config.js';
import { toGoogleError } from './common/errors.js';

/** The `google` AI provider: Gemini models through the Gemini Developer API (Google Gen AI SDK). */
export function createGoogleProvider(settings: GoogleSettings) {
  let client: GoogleGenAI | undefined;

  /** Runs `work` with one abort signal: the caller's `ctx.signal` or our own `timeout_ms`, whichever fires first. */
  async function call<T>(ctx: AiCallContext, model: string | undefined, work: (client: GoogleGenAI, signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!settings.apiKey) {
      throw new AiProviderError('google', 'not_configured', 'Google Gemini needs an API key: set GEMINI_API_KEY (or GOOGLE_API_KEY).');
    }
    client ??= new GoogleGenAI({
      apiKey: settings.apiKey,
      vertexai: false,
      apiVersion: settings.api_version,
      // Retries stay with the runtime's fallback chain: one attempt per call.
      httpOptions: { baseUrl: settings.baseUrl, retryOptions: { attempts: 1 } },
    });
    const timeout = AbortSignal.timeout(settings.timeout_ms);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    try {
      signal.throwIfAborted();
      const result = await work(client, signal);
      // A stream cut by the signal may end quietly; a cut-off answer is a failure.
      signal.throwIfAborted();
      return result;
    } catch (error) {
      throw toGoogleError(error, settings, { signal: ctx.signal, timedOut: timeout.aborted && !ctx.signal.aborted, model });
    }
  }

  function listModels(ctx: AiCallContext) {
    return call(ctx, undefined, async (genai, abortSignal) => {
      const models = [];
      for await (const model of await genai.models.list({ config: { pageSize: 100, abortSignal } })) {
        const id = (model.name ?? '').replace(/^models\//, '');
        if (id) models.push(model.inputTokenLimit ? { id, contextLength: model.inputTokenLimit } : { id });
      }
      return models;
    });
  }

  return defineAiProvider({
    ...googleProviderInfo(settings),

    generate(request, ctx) {
      const model = request.model ?? settings.default_model;
      return call(ctx, model, (genai, abortSignal) => generateContent(genai, request, model, abortSignal, ctx));
    },

    embed({ texts, model = settings.embedding_model }, ctx) {
      return call(ctx, model, async (genai, abortSignal) => {
        const answer = await genai.models.embedContent({ model, contents: texts, config: { abortSignal } });
        const vectors = (answer.embeddings ?? []).map((e) => e.values ?? []);
        if (vectors.length !== texts.length) {
          throw new AiProviderError('google', 'server_error', `Google Gemini returned ${vectors.length} embeddings for ${texts.length} texts.`);
        }
        // The Gemini API does not report token usage for embeddings.
        return { model, vectors, usage: { inputTokens: 0, outputTokens: 0 } };
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

/** Streams with `streamGenerateContent` (SSE) when tokens are wanted, else one `generateContent` call. */
async function generateContent(genai: GoogleGenAI, request: GenerateRequest, model: string, abortSignal: AbortSignal, ctx: AiCallContext): Promise<GenerateResult> {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const contents = request.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
  const config: GenerateContentConfig = {
    abortSignal,
    ...(system ? { systemInstruction: system } : {}),
    ...(request.maxTokens === undefined ? {} : { maxOutputTokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.jsonSchema === undefined ? {} : { responseMimeType: 'application/json', responseJsonSchema: request.jsonSchema }),
  };
  const parts = ctx.onToken ? await genai.models.generateContentStream({ model, contents, config }) : [await genai.models.generateContent({ model, contents, config })];
  let text = '';
  let answeredBy = model;
  let finish: FinishReason | undefined;
  const usage = { inputTokens: 0, outputTokens: 0 };
  for await (const part of parts) {
    const piece = part.text;
    if (piece) {
      text += piece;
      ctx.onToken?.(piece);
    }
    answeredBy = part.modelVersion ?? answeredBy;
    finish = part.candidates?.[0]?.finishReason ?? finish;
    if (part.usageMetadata) {
      usage.inputTokens = part.usageMetadata.promptTokenCount ?? usage.inputTokens;
      usage.outputTokens = part.usageMetadata.candidatesTokenCount ?? usage.outputTokens;
    }
  }
  return { text, model: answeredBy, usage, finishReason: finish === FinishReason.STOP ? 'stop' : finish === FinishReason.MAX_TOKENS ? 'length' : 'other' };
}

function isNotConfigured(error: unknown): boolean {
  return error instanceof AiProviderError && error.reason === 'not_configured';
}
