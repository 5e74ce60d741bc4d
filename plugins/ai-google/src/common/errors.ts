import { aiErrorFromStatus, aiErrorFromTransport, type AiFailureHints, type AiProviderError } from '@dwc/sdk';
import { ApiError } from '@google/genai';

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { '@type'?: string; reason?: string; retryDelay?: string }[] };
}

/** Turns what the Gen AI SDK threw into an AiProviderError; `timedOut` says our own timeout fired. */
export function toGoogleError(error: unknown, { hints, timedOut }: { hints: AiFailureHints; timedOut: boolean }): AiProviderError {
  if (error instanceof ApiError && !timedOut) {
    const body = parseBody(error.message);
    const details = body.error?.details ?? [];
    // Gemini answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
    const status = details.some((d) => d.reason === 'API_KEY_INVALID') ? 401 : error.status;
    const retryDelay = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay;
    return aiErrorFromStatus('google', status, {
      ...hints,
      model: status === 404 ? hints.model : undefined,
      detail: body.error?.message ?? error.message,
      retryAfterMs: retryDelay && /^\d+(\.\d+)?s$/.test(retryDelay) ? Math.round(parseFloat(retryDelay) * 1000) : undefined,
      cause: error,
    });
  }
  return aiErrorFromTransport('google', error, { ...hints, timedOut });
}

function parseBody(message: string): GoogleErrorBody {
  try {
    return JSON.parse(message) as GoogleErrorBody;
  } catch {
    return {};
  }
}
