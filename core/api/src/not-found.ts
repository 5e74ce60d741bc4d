import { NotFoundError } from '@dwc/sdk';
import type { RequestHandler } from 'express';

/** Last route: nothing matched the path. Names the method and path tried. */
export const notFound: RequestHandler = (req) => {
  throw new NotFoundError(`No route for ${req.method} ${req.path}; GET /openapi.json lists the routes.`, {
    details: { method: req.method, path: req.path },
  });
};
