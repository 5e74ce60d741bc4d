import type { RequestHandler, Router } from 'express';
import type { ApiDeps } from './api-deps.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { createRateLimiters } from './rate-limit/rate-limits.js';
import { requiresAuth, type ApiContext, type Route } from './define-route.js';
import { HttpStatusError } from './http-status-error.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';
import { requestState } from './request-context.js';
import { validateRequest } from './request-validation.js';
import type { WebSocketStatsSource } from './websocket/gateway-stats.js';

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

export interface MountRoutesOptions {
  /** The WebSocket gateway whose stats `GET /api/v3/ws/stats` reports. */
  websocket?: WebSocketStatsSource;
}

function apiContext(routes: readonly Route[], deps: ApiDeps, options: MountRoutesOptions): ApiContext {
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

function handle(route: Route, deps: ApiDeps, api: ApiContext): RequestHandler {
  return async (req, res) => {
    const { params, query, body } = validateRequest(route, req);
    const { auth, log } = requestState(res);
    const result = await route.handler({ params, query, body, req, res, deps, auth, log, api });
    if (res.headersSent) return;
    if (result === undefined) {
      if (res.statusCode === 200) res.status(204);
      res.end();
      return;
    }
    res.json(result);
  };
}

function methodNotAllowed(methods: readonly string[]): RequestHandler {
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
    throw new HttpStatusError(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}; use ${allow}.`, {
      headers: { Allow: allow },
    });
  };
}

/**
 * Mounts a route table on a router: rate limits, authentication and authorization (the route's
 * permission) where `requiresAuth`, request validation, the
 * handler, then 405 (with `Allow`) for other methods on each known path. Returns the context
 * handlers receive as `api`, whose OpenAPI document is generated from the same table.
 */
export function mountRoutes(router: Router, routes: readonly Route[], deps: ApiDeps, options: MountRoutesOptions = {}): ApiContext {
  assertDistinct(routes);
  const api = apiContext(routes, deps, options);
  const auth = authenticate(deps);
  const limiters = createRateLimiters(deps);
  const methodsByPath = new Map<string, string[]>();
  for (const route of routes) {
    const method = route.method.toLowerCase() as Lowercase<Route['method']>;
    const matched: RequestHandler = (req, res, next) => {
      requestState(res).route = { path: route.path, params: { ...(req.params as Record<string, string>) } };
      next();
    };
    const handlers: RequestHandler[] = [matched];
    if (route.path.startsWith('/api/v3/') && limiters.perIp) handlers.push(limiters.perIp);
    if (route.credentialRateLimit && limiters.auth) handlers.push(limiters.auth);
    if (requiresAuth(route)) {
      handlers.push(auth, authorize(route, deps));
      if (limiters.perUser) handlers.push(limiters.perUser);
    }
    handlers.push(handle(route, deps, api));
    router[method](route.expressPath, ...handlers);
    const methods = methodsByPath.get(route.expressPath) ?? [];
    methods.push(route.method);
    methodsByPath.set(route.expressPath, methods);
  }
  for (const [path, methods] of methodsByPath) router.all(path, methodNotAllowed(methods));
  return api;
}
