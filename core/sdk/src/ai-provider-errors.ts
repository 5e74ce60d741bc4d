import { AiProviderError } from './ai-provider.js';

/** What a provider plugin knows about a failed call, so the error can name what to fix. */
export interface AiFailureHints {
  /** Human name of the vendor, e.g. `OpenAI`. */
  vendor: string;
  /** The setting that holds the credential, e.g. `OPENAI_API_KEY`; named on 401/403. */
  keySetting?: string;
  /** The model the call asked for; named on 404. */
  model?: string;
  /** The base URL or host called, and the setting that chooses it; named on connection failures. */
  host: string;
  hostSetting?: string;
  /** The call's `ctx.signal`: when aborted, a failure is a timeout or cancellation, not a reset. */
  signal?: AbortSignal;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Milliseconds to wait from an HTTP `Retry-After` (seconds or a date) or `retry-after-ms` header. */
export function retryAfterMs(retryAfter: string | null | undefined, retryAfterMsHeader?: string | null, now = Date.now()): number | undefined {
  const ms = Number(retryAfterMsHeader);
  if (retryAfterMsHeader && Number.isFinite(ms) && ms >= 0) return ms;
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP error answer of an AI vendor to the failure reason that drives fallback. */
export function aiErrorFromStatus(
  provider: string,
  status: number,
  hints: AiFailureHints & { detail?: string; retryAfterMs?: number; cause?: unknown },
): AiProviderError {
  const said = hints.detail ? `: ${hints.detail}` : '';
  const options = { status, retryAfterMs: hints.retryAfterMs, cause: hints.cause };
  if (status === 401 || status === 403) {
    const fix = hints.keySetting ? ` Check ${hints.keySetting}.` : '';
    return new AiProviderError(provider, 'unauthorized', `${hints.vendor} refused the credentials (HTTP ${status})${said}.${fix}`, options);
  }
  if (status === 404 && hints.model) {
    return new AiProviderError(provider, 'model_not_found', `${hints.vendor} has no model "${hints.model}" at ${hints.host} (HTTP 404)${said}.`, options);
  }
  if (status === 408) return new AiProviderError(provider, 'timeout', `${hints.vendor} timed out (HTTP 408)${said}.`, options);
  if (status === 429) {
    const wait = hints.retryAfterMs === undefined ? '' : ` Retry after ${Math.ceil(hints.retryAfterMs / 1000)} s.`;
    return new AiProviderError(provider, 'rate_limited', `${hints.vendor} is rate limiting (HTTP 429)${said}.${wait}`, options);
  }
  if (status >= 500) return new AiProviderError(provider, 'server_error', `${hints.vendor} failed (HTTP ${status})${said}.`, options);
  return new AiProviderError(provider, 'bad_request', `${hints.vendor} refused the request (HTTP ${status})${said}.`, options);
}

/**
 * Maps a failure without an HTTP answer: a timeout or cancellation (our signal fired, or the
 * client's own timeout), else a refused, reset or unreachable connection.
 */
export function aiErrorFromTransport(provider: string, error: unknown, hints: AiFailureHints & { timedOut?: boolean }): AiProviderError {
  if (error instanceof AiProviderError) return error;
  const where = hints.hostSetting ? `${hints.host} (set by ${hints.hostSetting})` : hints.host;
  if (hints.timedOut || hints.signal?.aborted || chainHas(error, (e) => TIMEOUT_CODES.has(codeOf(e)) || e.name === 'TimeoutError')) {
    const why = hints.signal?.aborted && !hints.timedOut ? describeReason(hints.signal.reason) : 'no answer in time';
    return new AiProviderError(provider, 'timeout', `${hints.vendor} call to ${where} stopped: ${why}.`, { cause: error });
  }
  const code = findCode(error);
  const what = code === 'ECONNREFUSED'
    ? 'connection refused; is the server running?'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'host name not found'
      : code && CONNECTION_CODES.has(code)
        ? `connection lost (${code})`
        : `connection failed (${messageOf(error)})`;
  return new AiProviderError(provider, 'connection', `Cannot reach ${hints.vendor} at ${where}: ${what}`, { cause: error });
}

function chainHas(error: unknown, test: (e: Error & { code?: unknown }) => boolean): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) if (test(e)) return true;
  return false;
}

function findCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = codeOf(e);
    if (code) return code;
  }
  return undefined;
}

function codeOf(error: Error & { code?: unknown }): string {
  return typeof error.code === 'string' ? error.code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'no answer in time';
  if (reason instanceof Error) return reason.message || 'cancelled';
  return reason === undefined ? 'cancelled' : String(reason);
}
