import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Principal } from './define-route.js';

/** Per-request state kept on `res.locals`. */
export interface RequestState {
  id: string;
  log: Logger;
  auth: Principal | null;
  /** The route that matched (path template and its parameters), set before authentication; absent on 404s. */
  route?: { path: string; params: Record<string, string> };
  /** The JSON a route's handler answered with. */
  result?: unknown;
}

const KEY = 'dwc';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The state `requestContext` put on this response. */
export function requestState(res: Response): RequestState {
  return res.locals[KEY] as RequestState;
}

/** Keeps an incoming request id when it is a short safe token; otherwise makes one. */
export function pickRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * First step of every request: assigns the request id (echoed in `X-Request-Id`), a child logger
 * carrying it, and writes one log line when the response ends (method, path without query, status,
 * duration).
 */
export function requestContext(
  logger: Logger,
  /** Told of every request that ends: method, route template (`unmatched` when no route took it), status, seconds. */
  observe?: (method: string, route: string, status: number, seconds: number) => void,
): (req: Request, res: Response) => void {
  return (req, res) => {
    const started = performance.now();
    const id = pickRequestId(req.headers['x-request-id']);
    // The child logger is made on first use: most requests log nothing but their end line.
    let log: Logger | undefined;
    const state: RequestState = {
      id,
      get log() {
        return (log ??= logger.child({ request_id: id }));
      },
      auth: null,
    };
    res.locals[KEY] = state;
    res.setHeader('X-Request-Id', id);
    res.once('close', () => {
      observe?.(req.method, state.route?.path ?? 'unmatched', res.statusCode, (performance.now() - started) / 1000);
      if (res.writableFinished && !logger.isLevelEnabled('info')) return;
      const url = req.originalUrl;
      const query = url.indexOf('?');
      const fields = {
        method: req.method,
        path: query === -1 ? url : url.slice(0, query),
        status: res.statusCode,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
      };
      // The end line needs no child logger of its own: the request id goes in as a field.
      const end = log ?? logger;
      const line = log === undefined ? { request_id: id, ...fields } : fields;
      if (res.writableFinished) end.info(line, 'request completed');
      else end.warn(line, 'request aborted before the response was sent');
    });
  };
}
