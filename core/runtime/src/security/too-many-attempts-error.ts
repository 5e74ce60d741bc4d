import { DwcError, type DwcErrorOptions } from '@dwc/sdk';

/** Too many attempts (a locked account, a rate limit): answered 429 with `Retry-After`. */
export class TooManyAttemptsError extends DwcError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'too_many_attempts', message, { ...options, details: { retry_after_seconds: retryAfterSeconds, ...(options.details as object | undefined) } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
