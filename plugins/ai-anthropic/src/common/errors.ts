import { aiErrorFromStatus, aiErrorFromTransport, retryAfterMs, type AiFailureHints, type AiProviderError } from '@dwc/sdk';
import Anthropic from '@anthropic-ai/sdk';

/** Turns whatever the Anthropic SDK threw into an AiProviderError whose reason drives fallback. */
export function toAnthropicError(error: unknown, { hints, timedOut }: { hints: AiFailureHints; timedOut: boolean }): AiProviderError {
  if (timedOut || error instanceof Anthropic.APIConnectionTimeoutError) return aiErrorFromTransport('anthropic', error, { ...hints, timedOut: true });
  if (error instanceof Anthropic.APIError && error.status !== undefined) {
    return aiErrorFromStatus('anthropic', error.status, {
      ...hints,
      model: error.status === 404 ? hints.model : undefined,
      detail: detailOf(error),
      retryAfterMs: retryAfterMs(error.headers?.get('retry-after'), error.headers?.get('retry-after-ms')),
      cause: error,
    });
  }
  if (error instanceof Anthropic.APIError && !(error instanceof Anthropic.APIConnectionError) && !(error instanceof Anthropic.APIUserAbortError)) {
    // An `error` event inside the stream (e.g. overloaded_error): the server failed mid-answer.
    return aiErrorFromStatus('anthropic', 500, { ...hints, detail: detailOf(error), cause: error });
  }
  return aiErrorFromTransport('anthropic', error, hints);
}

function detailOf(error: InstanceType<typeof Anthropic.APIError>): string {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  return typeof body?.error?.message === 'string' ? body.error.message : error.message;
}
