import {
  AuthenticationError,
  ConflictError,
  DwcError,
  ExternalServiceError,
  InputError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  UnavailableError,
} from '@dwc/sdk';
import { TooManyAttemptsError } from '@dwc/runtime';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { errorBody, type ErrorResponse } from './error-response.js';
import { HttpStatusError } from './http-status-error.js';
import { requestState } from './request-context.js';

/** How an error is answered: status, extra headers and the body. */
export interface HttpErrorReply {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: ErrorResponse;
}

type ErrorClass = abstract new (...args: never[]) => DwcError;

const STATUS_BY_CLASS: readonly (readonly [ErrorClass, number])[] = [
  [InputError, 400],
  [AuthenticationError, 401],
  [PermissionError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [ExternalServiceError, 502],
  [UnavailableError, 503],
  [TimeoutError, 504],
];

const BODY_PARSER_ERRORS: Readonly<Record<string, readonly [number, string, string]>> = {
  'entity.parse.failed': [400, 'malformed_json', 'The request body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', 'The request body is larger than the limit'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'The request body encoding is not supported; send identity, gzip or deflate'],
  'charset.unsupported': [415, 'unsupported_media_type', 'The request body charset is not supported; send UTF-8 JSON'],
  'request.aborted': [400, 'request_aborted', 'The client aborted the request before the body was received'],
};

interface StatusLike {
  status?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  limit?: unknown;
}

/**
 * Maps anything thrown while handling a request to its reply: `DwcError` subclasses by class,
 * body-parser failures by type, other client errors carrying a 4xx status as they are, and
 * everything else to a generic 500 that names only the request id.
 */
export function toHttpError(error: unknown, requestId: string): HttpErrorReply {
  if (error instanceof HttpStatusError) {
    return { status: error.status, headers: error.headers, body: errorBody(error.code, error.message, error.details) };
  }
  if (error instanceof TooManyAttemptsError) {
    return { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) }, body: errorBody(error.code, error.message, error.details) };
  }
  if (error instanceof DwcError) {
    const status = STATUS_BY_CLASS.find(([type]) => error instanceof type)?.[1];
    if (status !== undefined) {
      const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      return { status, headers, body: errorBody(error.code, error.message, error.details) };
    }
  }
  const like = (typeof error === 'object' && error !== null ? error : {}) as StatusLike;
  const known = typeof like.type === 'string' ? BODY_PARSER_ERRORS[like.type] : undefined;
  if (known !== undefined) {
    const [status, code, message] = known;
    const limit = typeof like.limit === 'number' ? ` of ${like.limit} bytes` : '';
    return { status, headers: {}, body: errorBody(code, status === 413 ? `${message}${limit}` : message) };
  }
  if (typeof like.status === 'number' && like.status >= 400 && like.status < 500 && like.expose !== false) {
    const message = typeof like.message === 'string' ? like.message : 'Bad request';
    return { status: like.status, headers: {}, body: errorBody('bad_request', message) };
  }
  return {
    status: 500,
    headers: {},
    body: errorBody('internal_error', `Something went wrong on our side; quote request id ${requestId} when reporting it.`, {
      request_id: requestId,
    }),
  };
}

/** The one error middleware: every failure leaves as `{"error": {"code", "message", "details"}}`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const state = requestState(res) as ReturnType<typeof requestState> | undefined;
    const log = state?.log ?? logger;
    const reply = toHttpError(error, state?.id ?? 'unknown');
    if (reply.status >= 500) log.error({ err: error, status: reply.status }, 'request failed');
    else log.debug({ code: reply.body.error.code, status: reply.status }, 'request refused');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    res.status(reply.status).json(reply.body);
  };
}
