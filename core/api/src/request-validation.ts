import { describeFieldErrors, InputError, readableIssues, zodParseOptions, type FieldErrors, type IssueLanguage } from '@dwc/sdk';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Route } from './define-route.js';
import { HttpStatusError } from './http-status-error.js';

/** A route's request after validation; parts without a schema are undefined. */
export interface ValidatedRequest {
  params: unknown;
  query: unknown;
  body: unknown;
}

const NOTHING: ValidatedRequest = Object.freeze({ params: undefined, query: undefined, body: undefined });

/** An empty body (`Content-Length: 0`, as clients send for a bodiless POST) counts as no body. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function collect(fields: FieldErrors, location: string, error: z.ZodError, schema: z.ZodType, input: unknown, language: IssueLanguage): void {
  for (const issue of readableIssues(error.issues, { schema, input, language })) {
    const key = issue.path.length === 0 ? location : `${location}.${issue.path.map(String).join('.')}`;
    (fields[key] ??= []).push(issue.message);
  }
}

/** The language validation messages are written in: Spanish when `Accept-Language` prefers it over English. */
export function requestLanguage(req: Request): IssueLanguage {
  return req.headers['accept-language'] !== undefined && req.acceptsLanguages('en', 'es') === 'es' ? 'es' : 'en';
}

/**
 * Validates path parameters, query (the parsed query string; `req.query` unless given) and body
 * against the route's schemas in one pass and throws one `InputError` listing every failing field
 * (`body.name`, `query.limit`...), or 415 when a body is sent with another content type than JSON.
 */
export function validateRequest(route: Route, req: Request, query: unknown = req.query): ValidatedRequest {
  const { params: paramsSchema, query: querySchema, body: bodySchema } = route.request;
  if (paramsSchema === undefined && querySchema === undefined && bodySchema === undefined) return NOTHING;
  if (bodySchema !== undefined && hasBody(req) && req.is('application/json') !== 'application/json') {
    throw new HttpStatusError(
      415,
      'unsupported_media_type',
      `Send the body of ${route.method} ${route.path} as JSON with "Content-Type: application/json".`,
    );
  }
  const language = requestLanguage(req);
  const options = zodParseOptions(language);
  const fields: FieldErrors = {};
  let failed = false;
  const parse = (schema: z.ZodType | undefined, value: unknown, location: string): unknown => {
    if (schema === undefined) return undefined;
    const result = schema.safeParse(value, options);
    if (result.success) return result.data;
    failed = true;
    collect(fields, location, result.error, schema, value, language);
    return undefined;
  };
  const params = parse(paramsSchema, req.params, 'params');
  const parsedQuery = querySchema === undefined ? undefined : parse(querySchema, query, 'query');
  const body = parse(bodySchema, req.body, 'body');
  if (failed) {
    throw new InputError(`${language === 'es' ? 'Petición no válida' : 'Invalid request'}: ${describeFieldErrors(fields)}`, { details: fields, language });
  }
  return { params, query: parsedQuery, body };
}
