import { AuthenticationError } from '@dwc/sdk';
import type { RequestHandler } from 'express';
import type { ApiDeps } from './api-deps.js';
import { requestState } from './request-context.js';
import { requestMeta } from './request-meta.js';

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}

/**
 * The one authentication middleware: requires `Authorization: Bearer <token>` (an access token,
 * an API key or the service token), checks it with `deps.auth.auth.verifyBearer` and records the
 * principal for the handler. Missing or refused -> 401.
 */
export function authenticate(deps: ApiDeps): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      throw new AuthenticationError('This route needs a token: send the header "Authorization: Bearer <token>".');
    }
    const principal = await deps.auth.auth.verifyBearer(token, requestMeta(req));
    if (principal === null) {
      throw new AuthenticationError('The bearer token is invalid or expired: sign in again or use a valid API key.', {
        code: 'invalid_token',
      });
    }
    requestState(res).auth = principal;
    next();
  };
}
