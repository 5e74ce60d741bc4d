import express, { type RequestHandler } from 'express';
import type { ApiDeps } from './api-deps.js';
import { requestMeta } from './request-meta.js';

/**
 * `express.json` with the configured limit; a body over the limit is also a security event
 * (`security.oversize_body`) before the error handler answers 413.
 */
export function jsonBody(deps: ApiDeps): RequestHandler {
  const parse = express.json({ limit: deps.http.bodyLimit });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type !== 'entity.too.large') return next(error);
      const meta = requestMeta(req);
      deps.auth.audit
        .record({
          action: 'security.oversize_body', outcome: 'failure', actor: null, ip: meta.ip, userAgent: meta.userAgent,
          target: `${req.method} ${req.path}`, detail: { limit: deps.http.bodyLimit, content_length: req.headers['content-length'] ?? null },
        })
        .then(() => next(error), next);
    });
  };
}
