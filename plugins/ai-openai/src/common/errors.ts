import { aiErrorFromStatus, aiErrorFromTransport, retryAfterMs, type AiFailureHints, type AiProviderError } from '@dwc/sdk';
import OpenAI from 'openai';

/** Turns whatever the OpenAI SDK threw into an AiProviderError whose reason drives fallback. */
export function toOpenAiError(error: unknown, { hints, timedOut }: { hints: AiFailureHints; timedOut: boolean }): AiProviderError {
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) return aiErrorFromTransport('openai', error, { ...hints, timedOut: true });
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const detail = error.error && typeof error.error === 'object' && 'message' in error.error ? String(error.error.message) : error.message;
    return aiErrorFromStatus('openai', error.status, {
      ...hints,
      model: error.status === 404 ? hints.model : undefined,
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
