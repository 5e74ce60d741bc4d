/**
 * Error types shared by the SDK, the runtime and plugins. Each carries a stable machine-readable
 * `code` and a message written for the person who has to act on it. The HTTP layer maps the class
 * to a status code in one place; plugins throw these to say what kind of failure happened.
 */

/** Field path -> messages, as produced by validation. */
export type FieldErrors = Record<string, string[]>;

export interface DwcErrorOptions {
  /** Extra machine-readable context (field errors, ids). Sent to API clients: never put secrets here. */
  details?: unknown;
  cause?: unknown;
  /** The language the message is written in when it is not English (a message written for the request's `Accept-Language`). */
  language?: 'en' | 'es';
  /** The values a catalogue template was filled with, to fill its translation the same way. */
  values?: Readonly<Record<string, string | number>>;
}

/** Base of every error the product raises on purpose. */
export class DwcError extends Error {
  readonly code: string;
  readonly details: unknown;
  /** Set only when the message is not in English (see `DwcErrorOptions.language`). */
  declare readonly language?: 'en' | 'es';
  declare readonly values?: Readonly<Record<string, string | number>>;

  constructor(code: string, message: string, options: DwcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
    // Own properties only when given, so errors compare and serialise as before.
    if (options.language !== undefined && options.language !== 'en') Object.defineProperty(this, 'language', { value: options.language });
    if (options.values !== undefined) Object.defineProperty(this, 'values', { value: options.values });
  }
}

/** The caller sent something invalid (maps to 400). */
export class InputError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'invalid_input', message, options);
  }
}

/** The named thing does not exist (maps to 404). */
export class NotFoundError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'not_found', message, options);
  }
}

/** The request conflicts with the current state, e.g. a duplicate name (maps to 409). */
export class ConflictError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'conflict', message, options);
  }
}

/** No valid credentials were presented (maps to 401). */
export class AuthenticationError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'unauthenticated', message, options);
  }
}

/** Credentials are valid but do not allow this (maps to 403). */
export class PermissionError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'forbidden', message, options);
  }
}

/** A setting is missing or wrong; the message names the setting and how to fix it. */
export class ConfigError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'invalid_config', message, options);
  }
}

/** A service outside the process (an AI API, an SMTP server) failed or refused (maps to 502). */
export class ExternalServiceError extends DwcError {
  /** Whether trying again later may succeed (timeouts, 429, 5xx, connection resets). */
  readonly retryable: boolean;

  constructor(message: string, options: DwcErrorOptions & { code?: string; retryable?: boolean } = {}) {
    super(options.code ?? 'external_service_failed', message, options);
    this.retryable = options.retryable ?? false;
  }
}

/** Work did not finish within its time limit (maps to 504). */
export class TimeoutError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'timeout', message, options);
  }
}

/** The service cannot take the request right now, e.g. while shutting down (maps to 503). */
export class UnavailableError extends DwcError {
  constructor(message: string, options: DwcErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'unavailable', message, options);
  }
}
