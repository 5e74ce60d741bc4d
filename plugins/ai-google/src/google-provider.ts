import { AiProviderError, defineRemoteAiProvider, type AiCallContext, type GenerateRequest, type GenerateResult } from '@dwc/sdk';
import { FinishReason, GoogleGenAI, type GenerateContentConfig } from '@google/genai';
import { googleProviderInfo } from './provider-info.js';
import { GOOGLE_KEY_SETTING, type GoogleSettings } from './common/config.js';
import { toGoogleError } from './common/errors.js';

/** The `google` AI provider: Gemini models through the Gemini Developer API (Google Gen AI SDK). */
export function createGoogleProvider(settings: GoogleSettings) {
  const connection = {
    vendor: 'Google Gemini',
    baseUrl: settings.baseUrl,
    hostSetting: 'base_url / GOOGLE_GEMINI_BASE_URL',
    keySetting: GOOGLE_KEY_SETTING,
    timeoutMs: settings.timeout_ms,
    createClient: () =>
      new GoogleGenAI({
        apiKey: settings.apiKey!,
        vertexai: false,
        apiVersion: settings.api_version,
        // Retries stay with the runtime's fallback chain: one attempt per call.
        httpOptions: { baseUrl: settings.baseUrl, retryOptions: { attempts: 1 } },
      }),
    toError: toGoogleError,
  };
  return defineRemoteAiProvider(googleProviderInfo(settings), connection, (call) => ({
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

    listModels: (ctx: AiCallContext) =>
      call(ctx, undefined, async (genai, abortSignal) => {
        const models = [];
        for await (const model of await genai.models.list({ config: { pageSize: 100, abortSignal } })) {
          const id = (model.name ?? '').replace(/^models\//, '');
          if (id) models.push(model.inputTokenLimit ? { id, contextLength: model.inputTokenLimit } : { id });
        }
        return models;
      }),
  }));
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
