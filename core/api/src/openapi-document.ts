import { createRequire } from 'node:module';
import { STATUS_CODES } from 'node:http';
import type {
  createDocument,
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { requiresAuth, type Route, type RouteResponse } from './define-route.js';
import { errorResponse } from './error-response.js';
import { apiCatalogues, apiErrorEntry } from './errors.js';

export type OpenApiDocument = ReturnType<typeof createDocument>;

export interface OpenApiOptions {
  /** Product version, shown as `info.version`. */
  version: string;
  title?: string;
  description?: string;
}

type ResponseKey = keyof ZodOpenApiResponsesObject & string;

function toResponse(response: RouteResponse): ZodOpenApiResponseObject {
  if (response.schema === undefined) return { description: response.description };
  return { description: response.description, content: { [response.contentType ?? 'application/json']: { schema: response.schema } } };
}

/** The error codes every route of its kind may answer with, implied by how it is mounted. */
function impliedCodes(route: Route): string[] {
  const codes: string[] = [];
  const { params, query, body } = route.request;
  if (params !== undefined || query !== undefined || body !== undefined) codes.push('invalid_input');
  if (body !== undefined) codes.push('malformed_json', 'payload_too_large', 'unsupported_media_type');
  if (requiresAuth(route)) codes.push('unauthenticated', 'invalid_token', 'forbidden');
  if (requiresAuth(route) || route.credentialRateLimit) codes.push('rate_limited');
  // A request that changes something writes (and is audited): it may find the disk full.
  if (route.method !== 'GET') codes.push('storage_full');
  return codes;
}

/** What an error status means when the route does not describe it itself. */
const STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (details: field -> messages)',
  401: 'Missing, invalid or expired bearer token',
  413: 'Body larger than the configured limit',
  415: 'Body not sent as application/json',
  429: 'Too many requests; see Retry-After',
  503: 'Not available: a setting is missing, or a dependency is down',
  507: 'No room left in the data folder; nothing was saved',
};

/**
 * The error responses of a route, one per status: the codes it declares plus those implied by how
 * it is mounted, each placed under its catalogue status. Each response lists its codes in
 * `x-error-codes` and in its description, with what to do; a route's own description of a status wins.
 */
function errorResponses(route: Route): Record<string, RouteResponse & { codes: string[] }> {
  const byStatus = new Map<number, string[]>();
  for (const code of [...impliedCodes(route), ...route.errors]) {
    const status = apiErrorEntry(code)?.status;
    if (status === undefined) continue;
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  }
  const responses: Record<string, RouteResponse & { codes: string[] }> = {};
  for (const [status, codes] of byStatus) {
    const own = route.responses[status];
    const generic = status === 403 && requiresAuth(route)
      ? `The caller's role (or API key scopes) does not grant \`${route.permission}\``
      : (STATUS_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error');
    const base = own ?? errorResponse(generic);
    responses[String(status)] = { ...base, codes };
  }
  responses.default = { ...errorResponse('Unexpected error (a bug); the message names the request id'), codes: ['internal_error'] };
  return responses;
}

function describeCodes(description: string, codes: readonly string[]): string {
  const lines = codes.map((code) => `- \`${code}\`: ${apiErrorEntry(code)?.message ?? ''}`);
  return `${description}\n\n${lines.join('\n')}`;
}

function toOperation(route: Route): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  const errors = errorResponses(route);
  for (const [status, response] of Object.entries(route.responses)) responses[status as ResponseKey] = toResponse(response);
  for (const [status, { codes, ...response }] of Object.entries(errors)) {
    responses[status as ResponseKey] = { ...toResponse({ ...response, description: describeCodes(response.description, codes) }), 'x-error-codes': codes };
  }
  const { params, query, body } = route.request;
  const operation: ZodOpenApiOperationObject = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [...route.tags],
    responses,
  };
  if (route.description !== undefined) operation.description = route.description;
  if (!requiresAuth(route)) operation.security = [];
  else operation['x-permission'] = route.permission;
  if (params !== undefined || query !== undefined) {
    operation.requestParams = {};
    if (params !== undefined) operation.requestParams.path = params;
    if (query !== undefined) operation.requestParams.query = query;
  }
  if (body !== undefined) operation.requestBody = { required: true, content: { 'application/json': { schema: body } } };
  return operation;
}

/**
 * The OpenAPI 3.1 document of a route table, generated from the routes' zod schemas; nothing is
 * written per route. Protected routes use the `bearer` scheme; the others carry `security: []`.
 */
export function buildOpenApiDocument(routes: readonly Route[], options: OpenApiOptions): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as Lowercase<Route['method']>] = toOperation(route);
  }
  const tags = [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name }));
  // Required here, not at start: the document is built on the first request for it.
  const { createDocument: create } = createRequire(import.meta.url)('zod-openapi') as { createDocument: typeof createDocument };
  const document = create({
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Document Workflow Chain API',
      version: options.version,
      description: options.description ?? 'REST API of Document Workflow Chain. Errors: `{"error": {"code", "message", "details"}}`.',
    },
    tags,
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token or an API key: `Authorization: Bearer <token>`' },
      },
    },
    paths,
  });
  const schema = document.components?.schemas?.Error as { properties?: { error?: { properties?: { code?: Record<string, unknown> } } } } | undefined;
  const code = schema?.properties?.error?.properties?.code;
  if (code !== undefined) code.enum = [...new Set(apiCatalogues.flatMap((catalogue) => Object.keys(catalogue.codes)))].sort();
  return document;
}
