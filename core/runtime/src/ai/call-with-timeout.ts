import { AiProviderError, DwcError } from '@dwc/sdk';

/** The caller gave up (its signal aborted): not a provider failure, so no fallback. */
export class AiCallCancelledError extends DwcError {
  constructor() {
    super('cancelled', 'The AI call was cancelled.');
  }
}

/**
 * Runs one provider call under its own timeout and the caller's signal. Resolves or rejects no
 * later than the timeout even if the provider ignores its signal; a timeout becomes
 * AiProviderError `timeout`, anything else a provider throws is turned into an AiProviderError.
 */
export async function callWithTimeout<T>(
  provider: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (callerSignal?.aborted) throw new AiCallCancelledError();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(timeout.signal.aborted && !callerSignal?.aborted ? timeoutError(provider, timeoutMs) : new AiCallCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  const running = Promise.resolve().then(() => call(signal));
  running.catch(() => undefined);
  try {
    return await Promise.race([running, stopped]);
  } catch (error) {
    if (callerSignal?.aborted) throw new AiCallCancelledError();
    if (timeout.signal.aborted) throw timeoutError(provider, timeoutMs);
    throw asProviderError(provider, error);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort!);
  }
}

function timeoutError(provider: string, timeoutMs: number): AiProviderError {
  return new AiProviderError(provider, 'timeout', `AI provider "${provider}" did not answer within ${timeoutMs} ms (DWC_AI_TIMEOUT_MS or the step's timeout).`);
}

/** What a provider threw, as an AiProviderError (a plugin bug counts as `server_error`). */
export function asProviderError(provider: string, error: unknown): AiProviderError {
  if (error instanceof AiProviderError) return error;
  if (error instanceof AiCallCancelledError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return new AiProviderError(provider, 'server_error', `AI provider "${provider}" failed: ${message}`, { cause: error });
}
