import { AiProviderError, aiErrorFromStatus, aiErrorFromTransport } from '@dwc/sdk';
import type { OllamaSettings } from './config.js';

/** Turns what the ollama SDK threw into an AiProviderError; `timedOut` says our own timeout fired. */
export function toOllamaError(error: unknown, settings: OllamaSettings, call: { signal: AbortSignal; timedOut: boolean; model?: string }): AiProviderError {
  const hints = { vendor: 'Ollama', host: settings.baseUrl, hostSetting: 'host / OLLAMA_HOST', model: call.model, signal: call.signal };
  const status = (error as { status_code?: unknown }).status_code;
  if (error instanceof Error && error.name === 'ResponseError' && typeof status === 'number') {
    const fix = status === 404 && call.model ? ` Pull it first: ollama pull ${call.model}` : '';
    const mapped = aiErrorFromStatus('ollama', status, { ...hints, model: status === 404 ? call.model : undefined, detail: error.message, cause: error });
    return fix ? new AiProviderError('ollama', mapped.reason, mapped.message + fix, { status, cause: error }) : mapped;
  }
  if (call.timedOut || call.signal.aborted || isTransportFailure(error)) return aiErrorFromTransport('ollama', error, { ...hints, timedOut: call.timedOut });
  // An `{"error": ...}` line inside a stream: Ollama failed after it had started answering.
  const message = error instanceof Error ? error.message : String(error);
  if (call.model && /not found|does not exist/i.test(message)) {
    return new AiProviderError('ollama', 'model_not_found', `Ollama has no model "${call.model}" at ${settings.baseUrl}: ${message}`, { cause: error });
  }
  return new AiProviderError('ollama', 'server_error', `Ollama failed at ${settings.baseUrl}: ${message}`, { cause: error });
}

function isTransportFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || 'code' in error || error.cause instanceof Error));
}
