import type { Request, RequestHandler, Response } from 'express';

/**
 * Runs Express-style middlewares in order, as Express 5 would: each calls `next()` to go on or
 * `next(error)` to stop, and a thrown error or rejected promise counts as `next(error)`. After the
 * last one, `done` runs; on the first error, `fail` does.
 */
export function runChain(chain: readonly RequestHandler[], req: Request, res: Response, done: () => void, fail: (error: unknown) => void): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined) return fail(error);
    const middleware = chain[index++];
    if (middleware === undefined) return done();
    try {
      const returned = middleware(req, res, next) as unknown;
      if (returned instanceof Promise) returned.catch(fail);
    } catch (thrown) {
      fail(thrown);
    }
  };
  next();
}
