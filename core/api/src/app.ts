import express, { type Express } from 'express';
import type { ApiDeps } from './api-deps.js';
import { corsPolicy } from './cors-policy.js';
import { defaultRoutes } from './default-routes.js';
import type { Route } from './define-route.js';
import { mountDocsAssets } from './docs-assets.js';
import { errorHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';
import { mountRoutes, type MountRoutesOptions } from './mount-routes.js';
import { notFound } from './not-found.js';
import { requestContext } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import { auditRequests } from './audit-requests.js';

/**
 * The Express 5 application: request id and log line, audit of mutating requests, security headers, CORS, JSON bodies, the
 * route table (authentication, validation, 405), 404, and the one error middleware.
 */
export function createApp(deps: ApiDeps, routes: readonly Route[] = defaultRoutes, options: MountRoutesOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.http.trustProxy);
  app.use(requestContext(deps.logger));
  app.use(auditRequests(deps.audit, deps.logger));
  app.use(securityHeaders());
  const cors = corsPolicy(deps.http.corsOrigins);
  if (cors !== undefined) app.use(cors);
  mountDocsAssets(app);
  app.use(jsonBody(deps));
  const router = express.Router();
  mountRoutes(router, routes, deps, options);
  app.use(router);
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
