import { ExternalServiceError, InputError, type DwcErrorOptions } from './errors.js';
import { retryAfterMs } from './ai-provider-errors.js';

/**
 * A channel could not hand a message to its provider. `retryable` tells the outbox whether to try
 * again on its schedule; `retryAfterMs` (from the provider's `Retry-After`) is the least it waits.
 */
export class ChannelDeliveryError extends ExternalServiceError {
  readonly retryAfterMs: number | undefined;
  /** The provider's HTTP status, when it answered over HTTP. */
  readonly httpStatus: number | undefined;

  constructor(message: string, options: DwcErrorOptions & { code?: string; retryable?: boolean; retryAfterMs?: number; httpStatus?: number } = {}) {
    super(message, { ...options, code: options.code ?? 'channel_delivery_failed' });
    this.retryAfterMs = options.retryAfterMs;
    this.httpStatus = options.httpStatus;
  }
}

/** Statuses worth trying again: timeouts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * The error for a provider's HTTP error answer: 408/429/5xx retryable (429 honouring `Retry-After`),
 * 401/403 naming the setting to fix, other 4xx final.
 */
export function channelErrorFromResponse(
  service: string,
  response: { status: number; headers: { get(name: string): string | null } },
  hints: { detail?: string; credentialSetting?: string } = {},
): ChannelDeliveryError {
  const { status } = response;
  const said = hints.detail ? `: ${hints.detail.slice(0, 300)}` : '';
  const retryAfter = retryAfterMs(response.headers.get('retry-after'), response.headers.get('retry-after-ms'));
  if (status === 401 || status === 403) {
    const fix = hints.credentialSetting ? ` Check ${hints.credentialSetting}.` : '';
    return new ChannelDeliveryError(`${service} refused the credentials (HTTP ${status})${said}.${fix}`, { code: 'channel_unauthorized', httpStatus: status });
  }
  if (status === 429) {
    const wait = retryAfter === undefined ? '' : ` It asked to wait ${Math.ceil(retryAfter / 1000)} s.`;
    return new ChannelDeliveryError(`${service} is rate limiting (HTTP 429)${said}.${wait}`, { code: 'channel_rate_limited', retryable: true, retryAfterMs: retryAfter, httpStatus: status });
  }
  const retryable = isRetryableStatus(status);
  return new ChannelDeliveryError(`${service} answered HTTP ${status}${said}.`, { retryable, retryAfterMs: retryable ? retryAfter : undefined, httpStatus: status });
}

/** The error for a request that got no answer (refused, reset, DNS, timeout): always retryable. */
export function channelErrorFromTransport(service: string, target: string, error: unknown): ChannelDeliveryError {
  const cause = error as { code?: string; cause?: { code?: string; message?: string }; message?: string; name?: string };
  // The network policy refused the address: final, and the reason is the policy's own message.
  const refusal = [error, cause?.cause].find((e): e is InputError => e instanceof InputError && e.code === 'private_network_denied');
  if (refusal) return new ChannelDeliveryError(refusal.message, { code: 'private_network_denied', retryable: false, cause: error });
  const code = cause?.cause?.code ?? cause?.code;
  const why = code ?? cause?.cause?.message ?? cause?.message ?? String(error);
  if (cause?.name === 'AbortError' || cause?.name === 'TimeoutError') {
    return new ChannelDeliveryError(`${service} at ${target} did not answer in time.`, { code: 'channel_timeout', retryable: true, cause: error });
  }
  return new ChannelDeliveryError(`Could not reach ${service.replace(/^The /, 'the ')} at ${target} (${why}); check the address and that it is up.`, { code: 'channel_unreachable', retryable: true, cause: error });
}
