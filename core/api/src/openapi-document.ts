import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { requiresAuth, type Route, type RouteResponse } from './define-route.js';
import { errorResponse } from './error-response.js';

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

/** The error responses every route shares, implied by how it is mounted; a route's own entry wins. */
function impliedResponses(route: Route): Record<string, RouteResponse> {
  const implied: Record<string, RouteResponse> = {};
  const { params, query, body } = route.request;
  if (params !== undefined || query !== undefined || body !== undefined) {
    implied['400'] = errorResponse(body === undefined ? 'Invalid input (`invalid_input`, details: field -> messages)' : 'Invalid input or malformed JSON');
  }
  if (requiresAuth(route)) {
    implied['401'] = errorResponse('Missing, invalid or expired bearer token');
    implied['403'] = errorResponse(`The caller's role (or API key scopes) does not grant \`${route.permission}\``);
    implied['429'] = errorResponse('Rate limit reached; see Retry-After');
  }
  if (body !== undefined) {
    implied['413'] = errorResponse('Body larger than the configured limit');
    implied['415'] = errorResponse('Body not sent as application/json');
  }
  implied.default = errorResponse('Unexpected error; the message names the request id');
  return implied;
}

function toOperation(route: Route): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  const all: Record<string, RouteResponse> = { ...impliedResponses(route), ...route.responses };
  for (const [status, response] of Object.entries(all)) responses[status as ResponseKey] = toResponse(response);
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
  return createDocument({
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
}
