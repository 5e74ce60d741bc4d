import { aiErrorFromStatus, aiErrorFromTransport, retryAfterMs, type AiProviderError } from '@dwc/sdk';
import OpenAI from 'openai';
import type { OpenAiSettings } from './config.js';

/** Turns whatever the OpenAI SDK threw into an AiProviderError whose reason drives fallback. */
export function toOpenAiError(error: unknown, settings: OpenAiSettings, call: { signal: AbortSignal; timedOut: boolean; model?: string }): AiProviderError {
  const { model } = call;
  const hints = { vendor: 'OpenAI', keySetting: 'OPENAI_API_KEY', model, host: settings.baseUrl, hostSetting: 'base_url / OPENAI_BASE_URL', signal: call.signal };
  if (call.timedOut || error instanceof OpenAI.APIConnectionTimeoutError) return aiErrorFromTransport('openai', error, { ...hints, timedOut: true });
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const detail = error.error && typeof error.error === 'object' && 'message' in error.error ? String(error.error.message) : error.message;
    return aiErrorFromStatus('openai', error.status, {
      ...hints,
      model: error.status === 404 ? model : undefined,
      detail,
      retryAfterMs: retryAfterMs(error.headers?.get('retry-after'), error.headers?.get('retry-after-ms')),
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError && !(error instanceof OpenAI.APIConnectionError) && !(error instanceof OpenAI.APIUserAbortError)) {
    // An `error` event inside a stream: the server failed after it had started answering.
    return aiErrorFromStatus('openai', 500, { ...hints, detail: error.message, cause: error });
  }
  return aiErrorFromTransport('openai', error, hints);
}
