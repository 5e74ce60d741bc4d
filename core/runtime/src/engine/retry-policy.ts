import { DwcError, ExternalServiceError, TimeoutError, UnavailableError, z } from '@dwc/sdk';

/** A step's `retry`: how many attempts in all, and the backoff between them. */
export const retryPolicySchema = z.strictObject({
  max_attempts: z.int().min(1).max(20).default(1),
  backoff_ms: z.int().min(0).max(3_600_000).default(1000),
  max_backoff_ms: z.int().min(0).max(86_400_000).default(300_000),
});

export type RetryPolicy = z.output<typeof retryPolicySchema>;

/** One attempt, no retry: what a step without `retry` gets. */
export const NO_RETRY: Readonly<RetryPolicy> = Object.freeze(retryPolicySchema.parse({}));

/**
 * Milliseconds to wait after attempt `attempt` (1-based) failed: `backoff_ms * 2^(attempt-1)`,
 * capped at `max_backoff_ms`, then jittered uniformly into [delay/2, delay] so that steps failing
 * together do not retry together. `random` returns a number in [0, 1).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const delay = Math.min(policy.backoff_ms * 2 ** exponent, policy.max_backoff_ms);
  const half = delay / 2;
  return Math.round(half + random() * half);
}

/**
 * Whether to try again after attempt `attempt` (1-based) failed with `error`: only while attempts
 * remain and only when the error may pass (see {@link isRetryableError}).
 */
export function shouldRetry(policy: RetryPolicy | undefined, attempt: number, error: unknown): boolean {
  return attempt < (policy ?? NO_RETRY).max_attempts && isRetryableError(error);
}

/**
 * Whether trying again may succeed. Not retried, since they fail the same way every time: bad
 * input, expressions and templates (InputError and subclasses), zod validation failures, and the
 * product's other deliberate refusals (not found, permission, config, conflict). An
 * ExternalServiceError retries only when it says `retryable`. Timeouts, unavailability and any
 * other error (a crash, a reset connection) are retried.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ExternalServiceError) return error.retryable;
  if (error instanceof TimeoutError || error instanceof UnavailableError) return true;
  if (error instanceof DwcError) return false;
  if (error instanceof z.ZodError) return false;
  return true;
}
