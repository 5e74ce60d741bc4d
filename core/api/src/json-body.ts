import express, { type Request, type RequestHandler } from 'express';
import type { ApiDeps } from './api-deps.js';
import { readPlainJson } from './plain-json-body.js';
import { requestMeta } from './request-meta.js';

const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `DWC_BODY_LIMIT` (`512kb`, `1mb`: the config checks the shape) in bytes, as body-parser counts them. */
export function bodyLimitBytes(limit: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(limit) ?? [];
  if (amount === undefined || unit === undefined) throw new TypeError(`body limit "${limit}" must look like 512kb or 1mb`);
  return Number(amount) * UNIT_BYTES[unit.toLowerCase()]!;
}

/**
 * The JSON request body, within the configured limit. The common case (UTF-8 JSON of a declared
 * length, no content coding) is read by `readPlainJson`; everything else (chunked, compressed,
 * other charsets, over the limit) goes through `express.json`. A body over the limit is also a
 * security event (`security.oversize_body`) before the error handler answers 413.
 */
export function jsonBody(deps: ApiDeps): RequestHandler {
  const limit = bodyLimitBytes(deps.http.bodyLimit);
  const parse = express.json({ limit: deps.http.bodyLimit });
  const recordOversize = (req: Request): Promise<void> => {
    const meta = requestMeta(req);
    return deps.auth.audit.record({
      action: 'security.oversize_body', outcome: 'failure', actor: null, ip: meta.ip, userAgent: meta.userAgent,
      target: `${req.method} ${req.path}`, detail: { limit: deps.http.bodyLimit, content_length: req.headers['content-length'] ?? null },
    });
  };
  return (req, res, next) => {
    if (readPlainJson(req, limit, next)) return;
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type !== 'entity.too.large') return next(error);
      recordOversize(req).then(() => next(error), next);
    });
  };
}
