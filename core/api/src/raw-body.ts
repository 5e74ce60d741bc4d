import express, { type Request, type RequestHandler } from 'express';

/** A request whose body was read as bytes (`rawBody` routes). */
export type RawBodyRequest = Request & { rawBody: Buffer };

function parseError(message: string): Error {
  return Object.assign(new SyntaxError(message), { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' });
}

/** The body by its content type: JSON (any value), a URL-encoded form as an object, anything else as UTF-8 text; empty is undefined. */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw parseError((error as Error).message);
    }
  }
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/**
 * Reads the body of any content type as bytes within `DWC_BODY_LIMIT` (body-parser's `raw`, which
 * also inflates gzip and deflate and answers 413 past the limit), keeps them as `req.rawBody` for
 * signature checks, and sets `req.body` to the decoded value.
 */
export function rawBody(deps: { http: { bodyLimit: string } }): RequestHandler {
  const read = express.raw({ type: () => true, limit: deps.http.bodyLimit });
  return (req, res, next) => {
    read(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      (req as RawBodyRequest).rawBody = raw;
      try {
        req.body = decodeBody(raw, req.headers['content-type']);
      } catch (decodeError) {
        return next(decodeError);
      }
      next();
    });
  };
}
