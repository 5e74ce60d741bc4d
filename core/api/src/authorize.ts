import { auditActor, principalAllows } from '@dwc/runtime';
import { PermissionError } from '@dwc/sdk';
import type { RequestHandler } from 'express';
import type { ApiDeps } from './api-deps.js';
import type { Route } from './define-route.js';
import { requestState } from './request-context.js';
import { requestMeta } from './request-meta.js';

/**
 * Runs after `authenticate`: the principal's role (and an API key's scopes) must grant the route's
 * permission. Otherwise 403 naming the permission, and a `auth.permission_denied` audit entry.
 */
export function authorize(route: Route, deps: ApiDeps): RequestHandler {
  const target = `${route.method} ${route.path}`;
  return async (req, res, next) => {
    const principal = requestState(res).auth;
    if (principal !== null && principalAllows(principal, route.permission)) return next();
    const meta = requestMeta(req);
    await deps.auth.audit.record({
      action: 'auth.permission_denied', outcome: 'failure', actor: principal ? auditActor(principal) : null, actorLabel: principal?.label ?? null,
      ip: meta.ip, userAgent: meta.userAgent, target, detail: { required: route.permission, role: principal?.role ?? null, scopes: principal?.scopes ?? null },
    });
    const holder = principal?.scopes ? `this API key (scopes ${principal.scopes.join(', ') || 'none'})` : `the role "${principal?.role ?? 'none'}"`;
    throw new PermissionError(`${target} needs the permission "${route.permission}", which ${holder} does not grant.`, {
      details: { required: route.permission },
    });
  };
}
