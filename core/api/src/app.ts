import { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { ApiDeps } from './api-deps.js';
import { auditRequests } from './audit-requests.js';
import { corsPolicy } from './cors-policy.js';
import { defaultRoutes } from './default-routes.js';
import type { Route } from './define-route.js';
import { mountDocsAssets } from './docs-assets.js';
import { errorHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';
import { notFound } from './not-found.js';
import { requestContext } from './request-context.js';
import { routeTable, type RouteTableOptions } from './route-table.js';
import { helmetHeaders } from './security-headers.js';
import { uiAssets } from './ui-assets.js';

/**
 * The API as a `node:http` request listener, with the request and response classes a server
 * should be created with (`createServer({ IncomingMessage, ServerResponse }, app)`): they carry
 * Express's methods from the start, where other requests get them by a prototype swap.
 */
export interface ApiApp {
  (req: IncomingMessage, res: ServerResponse): void;
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * The HTTP application: request id and log line, audit of mutating requests, security headers,
 * CORS, then the route table (JSON body, rate limits, authentication, validation, 405); what the
 * table does not know goes to Express, which serves the docs assets, the web UI, 404 and the one error reply.
 */
export function createApp(deps: ApiDeps, routes: readonly Route[] = defaultRoutes, options: RouteTableOptions = {}): ApiApp {
  const fallback = express();
  fallback.disable('x-powered-by');
  fallback.set('trust proxy', deps.http.trustProxy);
  mountDocsAssets(fallback);
  fallback.use(uiAssets(deps.http.uiDir));
  // The body of a request to no route is still read, so its audit entry names the fields sent.
  fallback.use(jsonBody(deps));
  fallback.use(notFound);
  fallback.use(errorHandler(deps));

  const begin = requestContext(deps.logger, deps.metrics?.enabled ? deps.metrics.app.request : undefined);
  const audit = auditRequests(deps.audit, deps.logger);
  const headers = helmetHeaders();
  const cors = corsPolicy(deps.http.corsOrigins);
  const table = routeTable(routes, deps, options);
  const route = (req: Request, res: Response): void => {
    if (!table.dispatch(req, res)) fallback(req, res);
  };

  class ApiRequest extends IncomingMessage {}
  Object.setPrototypeOf(ApiRequest.prototype, fallback.request);
  class ApiResponse<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  Object.setPrototypeOf(ApiResponse.prototype, fallback.response);

  const app = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    // What Express does to every request, so that handlers keep `req.ip`, `res.status()` and the like.
    const req = (incoming instanceof ApiRequest ? incoming : Object.setPrototypeOf(incoming, fallback.request)) as Request;
    const res = (outgoing instanceof ApiResponse ? outgoing : Object.setPrototypeOf(outgoing, fallback.response)) as Response;
    req.res = res;
    res.req = req;
    req.originalUrl = req.url;
    res.locals = Object.create(null) as Response['locals'];
    begin(req, res);
    audit(req, res);
    res.setHeaders(headers);
    if (cors === undefined) route(req, res);
    else cors(req, res, () => route(req, res));
  };
  return Object.assign(app, { IncomingMessage: ApiRequest, ServerResponse: ApiResponse });
}
