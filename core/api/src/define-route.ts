import type { Principal } from '@dwc/runtime';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ApiDeps } from './api-deps.js';
import { apiErrorEntry, type ApiErrorCode } from './errors.js';
import type { OpenApiDocument } from './openapi-document.js';
import type { WebSocketStatsSource } from './websocket/gateway-stats.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const PERMISSION_LEVELS = ['read', 'write', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];
/** `public`, or an area and a level: `workflows:read`, `plugins:admin`. */
export type RoutePermission = 'public' | `${string}:${PermissionLevel}`;
const PERMISSION = /^(public|[a-z][a-z0-9_-]*:(read|write|admin))$/;

/** Zod schemas for the parts of a request the route reads; each is validated before the handler runs. */
export interface RouteRequest {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

/** One documented response. `schema` absent means no body (e.g. 204). */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Defaults to `application/json`. */
  contentType?: string;
}

export type RouteResponses = Record<number, RouteResponse>;

/** Who made the request, as returned by `deps.auth.auth.verifyBearer` (see `@dwc/runtime`'s security/principal.ts). */
export type { Principal };

/** What every handler can reach besides its own request: the mounted table and its OpenAPI document. */
export interface ApiContext {
  routes: readonly Route[];
  /** Built on first use from `routes`, then cached. */
  document(): OpenApiDocument;
  /** `document()` serialized once. */
  documentJson(): string;
  /** The WebSocket gateway serving beside these routes; undefined when the app runs without one (e.g. in-process tests). */
  websocket: WebSocketStatsSource | undefined;
}

type Part<R extends RouteRequest, K extends keyof RouteRequest> = R[K] extends z.ZodType ? z.output<R[K]> : undefined;

export interface RouteContext<R extends RouteRequest = RouteRequest> {
  params: Part<R, 'params'>;
  query: Part<R, 'query'>;
  body: Part<R, 'body'>;
  req: Request;
  res: Response;
  deps: ApiDeps;
  /** The caller. Null only on routes that do not require authentication. */
  auth: Principal | null;
  /** Child logger carrying `request_id`. */
  log: Logger;
  api: ApiContext;
}

/** Any body one of the documented responses allows, or nothing when the handler sent the response itself. */
export type RouteResult<Res extends RouteResponses> =
  | { [S in keyof Res]: Res[S] extends { schema: infer Schema extends z.ZodType } ? z.input<Schema> : never }[keyof Res]
  | undefined
  | void;

export interface RouteSpec<R extends RouteRequest, Res extends RouteResponses> {
  method: HttpMethod;
  /** OpenAPI style: `/api/v3/plugins/{name}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * What the caller must hold. `public` needs no credentials (routes outside `/api/v3/` never
   * require them anyway); otherwise `<area>:<level>`, where roles grant levels and API keys carry
   * scopes of the same shape. Required: a route that forgets it does not start.
   */
  permission: RoutePermission;
  /** Counts against the strict per-address limit for credential endpoints (login, refresh, setup, register). */
  credentialRateLimit?: boolean;
  /**
   * Read the body as bytes of any content type (`req.rawBody`, within the body limit), and parse it
   * into `req.body` by its type (JSON, form, text), for routes that check a signature over the
   * exact bytes (webhooks). Others read JSON only.
   */
  rawBody?: boolean;
  /** The last `{placeholder}` takes the rest of the path, slashes included (`/webhook/{path}` matches `/webhook/orders/new`). */
  restParam?: boolean;
  request?: R;
  responses: Res;
  /**
   * The error codes the handler may answer with, beyond those every route of its kind shares
   * (validation, authentication, rate limits, a full disk). Each code's status comes from its
   * catalogue; the OpenAPI document lists them under that status.
   */
  errors?: readonly ApiErrorCode[];
  /**
   * Returns the JSON body (status 200 unless the handler set another with `res.status`), or
   * undefined for an empty response (204 unless another status was set), or sends the response
   * itself through `res`.
   */
  handler: (ctx: RouteContext<R>) => NoInfer<RouteResult<Res> | Promise<RouteResult<Res>>>;
}

/** A checked route, ready for `routeTable` and `buildOpenApiDocument`. */
export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  /** The same path in Express syntax: `/api/v3/plugins/:name`. */
  readonly expressPath: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly permission: RoutePermission;
  readonly credentialRateLimit: boolean;
  readonly rawBody: boolean;
  /** The name of the placeholder taking the rest of the path, when `restParam`. */
  readonly restParam: string | undefined;
  /** `permission === 'public'`. */
  readonly public: boolean;
  readonly request: RouteRequest;
  readonly responses: RouteResponses;
  /** Error codes the handler may answer with (see `RouteSpec.errors`). */
  readonly errors: readonly string[];
  handler(ctx: UntypedRouteContext): unknown;
}

/** The context as the mounting code builds it, before a route's schemas give the parts their types. */
export type UntypedRouteContext = Omit<RouteContext, 'params' | 'query' | 'body'> & { params: unknown; query: unknown; body: unknown };

const PLACEHOLDER = /\{([^}]*)\}/g;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATION_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Declares one HTTP route: the single description from which the route is mounted, its input
 * validated and its OpenAPI operation generated. Checks the declaration once and throws on a
 * mistake (bad path, placeholders that do not match the params schema, no responses).
 */
export function defineRoute<R extends RouteRequest = Record<never, never>, Res extends RouteResponses = RouteResponses>(
  spec: RouteSpec<R, Res>,
): Route {
  const where = `route ${spec.method} ${spec.path}`;
  if (!METHODS.includes(spec.method)) throw new TypeError(`${where}: method must be one of ${METHODS.join(', ')}`);
  if (!spec.path.startsWith('/') || spec.path.includes(':')) {
    throw new TypeError(`${where}: path must start with "/" and use {name} placeholders, not ":name"`);
  }
  if (!OPERATION_ID.test(spec.operationId)) throw new TypeError(`${where}: operationId "${spec.operationId}" must be an identifier`);
  if (typeof spec.permission !== 'string' || !PERMISSION.test(spec.permission)) {
    throw new TypeError(`${where}: permission must be 'public' or '<area>:read|write|admin', got ${String(spec.permission)}`);
  }
  if (Object.keys(spec.responses).length === 0) throw new TypeError(`${where}: declare at least one response`);
  const unknown = (spec.errors ?? []).filter((code) => apiErrorEntry(code) === undefined);
  if (unknown.length > 0) throw new TypeError(`${where}: error codes ${unknown.join(', ')} are in no catalogue of the SDK, the runtime or the API`);

  const placeholders = [...spec.path.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  const bad = placeholders.find((name) => !PARAM_NAME.test(name));
  if (bad !== undefined) throw new TypeError(`${where}: placeholder {${bad}} must be an identifier`);
  const declared = Object.keys(spec.request?.params?.shape ?? {});
  const same = declared.length === placeholders.length && placeholders.every((name) => declared.includes(name));
  if (!same) {
    throw new TypeError(
      `${where}: request.params must declare exactly the path placeholders (${placeholders.join(', ') || 'none'}), got (${declared.join(', ') || 'none'})`,
    );
  }

  const restParam = spec.restParam ? placeholders.at(-1) : undefined;
  if (spec.restParam && (restParam === undefined || !spec.path.endsWith(`{${restParam}}`))) {
    throw new TypeError(`${where}: restParam needs the path to end with a {placeholder}`);
  }
  const expressPath = spec.path.replace(PLACEHOLDER, ':$1');
  return {
    method: spec.method,
    path: spec.path,
    expressPath: restParam === undefined ? expressPath : `${expressPath.slice(0, -(restParam.length + 1))}*`,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [...spec.tags],
    permission: spec.permission,
    credentialRateLimit: spec.credentialRateLimit ?? false,
    rawBody: spec.rawBody ?? false,
    restParam,
    public: spec.permission === 'public',
    request: spec.request ?? {},
    responses: spec.responses,
    errors: [...new Set(spec.errors ?? [])],
    handler: spec.handler as unknown as Route['handler'],
  };
}

/** Whether the route needs `Authorization: Bearer`: every `/api/v3/` route not marked public. */
export function requiresAuth(route: Pick<Route, 'path' | 'public'>): boolean {
  return !route.public && route.path.startsWith('/api/v3/');
}
