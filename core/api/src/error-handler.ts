import {
  AuthenticationError,
  ConfigError,
  ConflictError,
  DwcError,
  errorCodeEntry,
  ExternalServiceError,
  InputError,
  localizedErrorMessage,
  NotFoundError,
  PermissionError,
  TimeoutError,
  translatedAdvice,
  UnavailableError,
  type IssueLanguage,
} from '@dwc/sdk';
import { TooManyAttemptsError } from '@dwc/runtime';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { apiErrors } from './errors.js';
import { errorBody, type ErrorResponse } from './error-response.js';
import { HttpStatusError } from './http-status-error.js';
import { requestState } from './request-context.js';
import { requestLanguage } from './request-validation.js';

/** How an error is answered: status, extra headers and the body. */
export interface HttpErrorReply {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: ErrorResponse;
}

type ErrorClass = abstract new (...args: never[]) => DwcError;

/** The status of an error whose code no catalogue lists, by its class. */
const STATUS_BY_CLASS: readonly (readonly [ErrorClass, number])[] = [
  [InputError, 400],
  [AuthenticationError, 401],
  [PermissionError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [TooManyAttemptsError, 429],
  [ExternalServiceError, 502],
  // The request was fine; the server is not set up for it until an operator fixes a setting.
  [ConfigError, 503],
  [UnavailableError, 503],
  [TimeoutError, 504],
];

const BODY_PARSER_ERRORS = {
  'entity.parse.failed': 'malformed_json',
  'entity.too.large': 'payload_too_large',
  'encoding.unsupported': 'unsupported_media_type',
  'charset.unsupported': 'unsupported_media_type',
  'request.aborted': 'request_aborted',
} as const satisfies Record<string, keyof typeof apiErrors.codes>;

interface StatusLike {
  status?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  limit?: unknown;
}

const clientError = (status: number | undefined): boolean => status !== undefined && status >= 400 && status < 500;

/**
 * The status of a `DwcError`: its catalogue entry's, else its class's; undefined for neither (a
 * bug). Where both are client errors and differ, the class wins: the throw site knows whether the
 * thing it did not find was named in the path (NotFoundError, 404) or in the body (InputError, 400).
 */
export function statusOf(error: DwcError): number | undefined {
  if (error instanceof HttpStatusError) return error.status;
  const byCatalogue = errorCodeEntry(error.code)?.status;
  const byClass = STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1];
  if (clientError(byCatalogue) && clientError(byClass)) return byClass;
  return byCatalogue ?? byClass;
}

/**
 * Maps anything thrown while handling a request to its reply: a `DwcError` by the catalogue entry
 * of its code (else by its class), body-parser failures by type, other client errors carrying a
 * 4xx status as they are, and everything else to a 500 that names only the request id.
 * `translate` first turns driver failures the runtime recognises (a full disk) into their errors.
 */
export function toHttpError(thrown: unknown, requestId: string, translate: (error: unknown) => unknown = (error) => error, language: IssueLanguage = 'en'): HttpErrorReply {
  const error = translate(thrown);
  /** The catalogue's advice for `code` in the request's language. */
  const advice = (code: keyof typeof apiErrors.codes, values?: Record<string, string>) => (language === 'en' ? undefined : translatedAdvice(code, language, values)) ?? apiErrors.message(code, values as never);
  if (error instanceof DwcError) {
    const status = statusOf(error);
    if (status !== undefined && status !== 500) {
      const headers: Record<string, string> = error instanceof HttpStatusError ? { ...error.headers } : {};
      if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
      if (error instanceof TooManyAttemptsError) headers['Retry-After'] = String(error.retryAfterSeconds);
      return { status, headers, body: errorBody(error.code, localizedErrorMessage(error, language), error.details) };
    }
  }
  const like = (typeof error === 'object' && error !== null ? error : {}) as StatusLike;
  const known = typeof like.type === 'string' && Object.hasOwn(BODY_PARSER_ERRORS, like.type) ? BODY_PARSER_ERRORS[like.type as keyof typeof BODY_PARSER_ERRORS] : undefined;
  if (known !== undefined) {
    const status = apiErrors.codes[known].status;
    const limit = known === 'payload_too_large' && typeof like.limit === 'number' ? ` The limit is ${like.limit} bytes.` : '';
    return { status, headers: {}, body: errorBody(known, `${advice(known)}${limit}`) };
  }
  if (typeof like.status === 'number' && like.status >= 400 && like.status < 500 && like.expose !== false) {
    const message = typeof like.message === 'string' ? like.message : advice('bad_request');
    return { status: like.status, headers: {}, body: errorBody('bad_request', message) };
  }
  return { status: 500, headers: {}, body: errorBody('internal_error', advice('internal_error', { request_id: requestId }), { request_id: requestId }) };
}

/** What the one error middleware needs: where to log, and the runtime's error translation. */
export interface ErrorHandlerDeps {
  logger: Logger;
  errors?: { translate(error: unknown): unknown };
}

/**
 * The one error middleware: every failure leaves as `{"error": {"code", "message", "details"}}`.
 * A 500 (a bug) is logged at error with its stack; a 5xx the product expected (a setting, a full
 * disk, a service down) at warn; client errors at debug.
 */
export function errorHandler(deps: ErrorHandlerDeps): ErrorRequestHandler {
  const translate = deps.errors === undefined ? undefined : (error: unknown) => deps.errors!.translate(error);
  return (error: unknown, req, res, _next) => {
    const state = requestState(res) as ReturnType<typeof requestState> | undefined;
    const log = state?.log ?? deps.logger;
    const reply = toHttpError(error, state?.id ?? 'unknown', translate, requestLanguage(req));
    if (reply.status === 500) log.error({ err: error, status: reply.status }, 'request failed');
    else if (reply.status > 500) log.warn({ code: reply.body.error.code, status: reply.status, err: error }, 'request failed');
    else log.debug({ code: reply.body.error.code, status: reply.status }, 'request refused');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    res.status(reply.status).json(reply.body);
  };
}
