import { ExternalServiceError, TimeoutError } from '@dwc/sdk';

/** The URL without its query string and fragment, which may carry tokens; for messages and logs. */
export function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

/** The first `code` found along an error's cause chain (and inside AggregateErrors), e.g. `ECONNREFUSED`. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return errorCode(cause, depth + 1);
}

/** A connection-level failure (refused, reset, DNS, TLS): the remote may work on a later attempt. */
export function networkError(error: unknown, url: URL): ExternalServiceError {
  const code = errorCode(error) ?? 'UNKNOWN';
  const reason = deepestMessage(error);
  return new ExternalServiceError(`Request to host "${url.hostname}" failed (${code}): ${reason}.`, {
    code: 'http_connection_failed',
    retryable: true,
    details: { host: url.hostname, url: safeUrl(url), error_code: code },
    cause: error,
  });
}

export function requestTimeoutError(url: URL, timeoutMs: number): TimeoutError {
  return new TimeoutError(
    `Request to ${safeUrl(url)} did not complete within ${timeoutMs} ms; raise timeout_ms (max 300000) if the service is slow.`,
    { code: 'http_timeout', details: { url: safeUrl(url), timeout_ms: timeoutMs } },
  );
}

/** An HTTP error status when `fail_on_status` is on: 429 and 5xx may pass later, other 4xx will not. */
export function statusError(status: number, url: URL, retryAfter: string | null, excerpt: string): ExternalServiceError {
  const retryable = status === 429 || status >= 500;
  const hint = retryable ? 'the service may recover; the step will be retried' : 'fix the request; retrying will not help';
  return new ExternalServiceError(`${safeUrl(url)} answered HTTP ${status} (${hint}). Set fail_on_status to false to handle the status in the workflow.`, {
    code: 'http_status',
    retryable,
    details: { status, url: safeUrl(url), ...(retryAfter === null ? {} : { retry_after: retryAfter }), body_excerpt: excerpt },
  });
}

function deepestMessage(error: unknown): string {
  let current: unknown = error;
  let message = 'unknown error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    message = current.message || message;
    current = current.cause;
  }
  return message.replace(/\.$/, '');
}
