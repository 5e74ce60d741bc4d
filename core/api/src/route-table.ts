import type { Request, RequestHandler, Response } from 'express';
import FindMyWay from 'find-my-way';
import type { ApiDeps } from './api-deps.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { requiresAuth, type ApiContext, type Route } from './define-route.js';
import { errorHandler } from './error-handler.js';
import { HttpStatusError } from './http-status-error.js';
import { jsonBody } from './json-body.js';
import { rawBody } from './raw-body.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';
import { createRateLimiters } from './rate-limit/rate-limits.js';
import { requestState } from './request-context.js';
import { validateRequest } from './request-validation.js';
import { runChain } from './run-chain.js';
import { sendJson } from './send-json.js';
import type { WebSocketStatsSource } from './websocket/gateway-stats.js';

export interface RouteTableOptions {
  /** The WebSocket gateway whose stats `GET /api/v3/ws/stats` reports. */
  websocket?: WebSocketStatsSource;
}

export interface RouteTable {
  /** The context handlers receive as `api`; its OpenAPI document is generated from the same table. */
  api: ApiContext;
  /** Serves the request when a route's path matches (405 for another method); false when none does. */
  dispatch(req: Request, res: Response): boolean;
}

type Served = (req: Request, res: Response, params: Record<string, string>, query: Record<string, unknown>) => void;

/** find-my-way's own handler slot; the table keeps each route's `served` in the route's store. */
const unused = (): void => undefined;

function assertDistinct(routes: readonly Route[]): void {
  const operations = new Set<string>();
  const endpoints = new Set<string>();
  for (const route of routes) {
    const endpoint = `${route.method} ${route.path}`;
    if (operations.has(route.operationId)) throw new TypeError(`Two routes share operationId "${route.operationId}" (one is ${endpoint})`);
    if (endpoints.has(endpoint)) throw new TypeError(`Two routes are declared for ${endpoint}`);
    operations.add(route.operationId);
    endpoints.add(endpoint);
  }
}

function apiContext(routes: readonly Route[], deps: ApiDeps, options: RouteTableOptions): ApiContext {
  let document: OpenApiDocument | undefined;
  let json: string | undefined;
  const api: ApiContext = {
    routes,
    document: () => (document ??= buildOpenApiDocument(routes, { version: deps.version })),
    documentJson: () => (json ??= JSON.stringify(api.document())),
    websocket: options.websocket,
  };
  return api;
}

function handler(route: Route, deps: ApiDeps, api: ApiContext) {
  return async (req: Request, res: Response, search: Record<string, unknown>): Promise<void> => {
    const { params, query, body } = validateRequest(route, req, search);
    const state = requestState(res);
    const result = await route.handler({
      params, query, body, req, res, deps, auth: state.auth, api,
      // The request's child logger is made only for a handler that logs.
      get log() {
        return state.log;
      },
    });
    if (res.headersSent) return;
    if (result === undefined) {
      if (res.statusCode === 200) res.statusCode = 204;
      res.end();
      return;
    }
    state.result = result;
    sendJson(req, res, result);
  };
}

function methodNotAllowed(methods: readonly string[], refuse: (error: unknown, req: Request, res: Response) => void): Served {
  const allowed = [...methods];
  if (allowed.includes('GET')) allowed.push('HEAD');
  allowed.push('OPTIONS');
  const allow = allowed.join(', ');
  return (req, res) => {
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    refuse(new HttpStatusError(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}; use ${allow}.`, {
      headers: { Allow: allow },
    }), req, res);
  };
}

/**
 * The route table, compiled once: a radix-tree lookup (find-my-way) from method and path to the
 * route's own chain (JSON body, rate limits, authentication and authorization where `requiresAuth`,
 * validation, the handler), and 405 with `Allow` for another method on a known path. Express keeps
 * only what is not in the table (the docs assets and 404), so a request runs just the steps its
 * route needs.
 */
export function routeTable(routes: readonly Route[], deps: ApiDeps, options: RouteTableOptions = {}): RouteTable {
  assertDistinct(routes);
  const api = apiContext(routes, deps, options);
  const auth = authenticate(deps);
  const body = jsonBody(deps);
  const anyBody = rawBody(deps);
  const limiters = createRateLimiters(deps);
  const onError = errorHandler(deps);
  const refuse = (error: unknown, req: Request, res: Response): void => void onError(error, req, res, () => undefined);
  const router = FindMyWay({ ignoreTrailingSlash: true });
  const methodsByPath = new Map<string, string[]>();

  for (const route of routes) {
    const chain: RequestHandler[] = [route.rawBody ? anyBody : body];
    if ((route.path.startsWith('/api/v3/') || route.path.startsWith('/webhook/')) && limiters.perIp) chain.push(limiters.perIp);
    if (route.credentialRateLimit && limiters.auth) chain.push(limiters.auth);
    if (requiresAuth(route)) {
      chain.push(auth, authorize(route, deps));
      if (limiters.perUser) chain.push(limiters.perUser);
    }
    const handle = handler(route, deps, api);
    const served: Served = (req, res, params, query) => {
      const fail = (error: unknown): void => refuse(error, req, res);
      if (route.restParam !== undefined) {
        const { '*': rest = '', ...named } = params;
        params = { ...named, [route.restParam]: rest };
      }
      req.params = params;
      requestState(res).route = { path: route.path, params };
      runChain(chain, req, res, () => void handle(req, res, query).catch(fail), fail);
    };
    router.on(route.method === 'GET' ? ['GET', 'HEAD'] : route.method, route.expressPath, unused, { served });
    // Paths of the same shape share their 405, whatever their parameters are named.
    const shape = route.expressPath.replace(/:[^/]+/g, ':param');
    const methods = methodsByPath.get(shape) ?? [];
    methods.push(route.method);
    methodsByPath.set(shape, methods);
  }
  // One entry per path shape, looked up only when no route took the method: 405 naming the others.
  const shapes = FindMyWay({ ignoreTrailingSlash: true });
  for (const [path, methods] of methodsByPath) shapes.on('GET', path, unused, { served: methodNotAllowed(methods, refuse) });

  return {
    api,
    dispatch(req, res) {
      // The URL as sent: find-my-way splits off the query string and parses it (fast-querystring).
      const found = router.find(req.method as FindMyWay.HTTPMethod, req.url) ?? shapes.find('GET', req.url);
      if (found === null) return false;
      (found.store as { served: Served }).served(req, res, found.params as Record<string, string>, found.searchParams);
      return true;
    },
  };
}
