import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestMeta } from '../../request-meta.js';
import { loginBodySchema, tags, tokenPairSchema, userSchema } from './auth-wire.js';
import { clearRefreshCookie, deliverPair, presentedRefreshToken } from './refresh-cookie.js';

function loginAt(path: string, operationId: string, routeTags: string[]) {
  return defineRoute({
    method: 'POST',
    path,
    operationId,
    errors: ['invalid_credentials', 'mfa_required', 'invalid_mfa_code', 'account_locked'],
    permission: 'public',
    credentialRateLimit: true,
    summary: 'Sign in with e-mail and password (and a TOTP code when MFA is on)',
    description: 'Failed attempts count per account; after several in a row the account is locked with growing back-off (429 with Retry-After).',
    tags: routeTags,
    request: { body: loginBodySchema },
    responses: {
      200: { description: 'Tokens and the user', schema: tokenPairSchema },
      401: errorResponse('Wrong credentials (`invalid_credentials`), MFA code needed (`mfa_required`) or wrong (`invalid_mfa_code`)'),
      429: errorResponse('Too many attempts; see Retry-After'),
    },
    handler: async ({ deps, body, req, res }) => {
      const { refresh_in_cookie: inCookie, ...credentials } = body;
      return deliverPair(req, res, await deps.auth.auth.login(credentials, requestMeta(req)), inCookie, deps.http.refreshTtlSeconds);
    },
  });
}

export const loginRoute = loginAt('/api/v3/auth/login', 'login', tags);
export const securityLoginRoute = loginAt('/api/v3/security/auth/login', 'securityLogin', ['auth', 'security']);

export const refreshRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/refresh',
  operationId: 'refreshToken',
  errors: ['invalid_refresh_token', 'refresh_token_reused'],
  permission: 'public',
  credentialRateLimit: true,
  summary: 'Trade a refresh token for a new pair (rotation)',
  description:
    'Each refresh token works once. Presenting a used one again ends the whole session (all tokens rotated from that login) and is recorded as a security event. Without `refresh_token` in the body, the token comes from the `dwc_refresh` cookie a `refresh_in_cookie` sign-in set; the new one then replaces the cookie and is left out of the reply.',
  tags,
  request: { body: z.strictObject({ refresh_token: z.string().min(1).max(200).optional() }).default({}) },
  responses: { 200: { description: 'New tokens', schema: tokenPairSchema }, 401: errorResponse('Invalid, expired, revoked or reused refresh token') },
  handler: async ({ deps, body, req, res }) => {
    const presented = presentedRefreshToken(req, body.refresh_token);
    try {
      return deliverPair(req, res, await deps.auth.auth.refresh(presented.token, requestMeta(req)), presented.fromCookie, deps.http.refreshTtlSeconds);
    } catch (error) {
      if (presented.fromCookie) clearRefreshCookie(req, res);
      throw error;
    }
  },
});

export const logoutRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/logout',
  operationId: 'logout',
  errors: ['no_session'],
  permission: 'account:write',
  summary: 'End this session, or every session of the user with {"all": true}',
  description: 'Also clears the `dwc_refresh` cookie of a web UI session.',
  tags,
  request: { body: z.strictObject({ all: z.boolean().default(false) }).default({ all: false }) },
  responses: { 200: { description: 'Sessions ended', schema: z.object({ sessions_ended: z.number().int() }) } },
  handler: async ({ deps, body, auth, req, res }) => {
    clearRefreshCookie(req, res);
    return { sessions_ended: await deps.auth.auth.logout(auth!, { all: body.all }, requestMeta(req)) };
  },
});

export const meRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/auth/me',
  operationId: 'me',
  permission: 'account:read',
  summary: 'The signed-in user, and how they are signed in',
  tags,
  responses: {
    200: {
      description: 'The user',
      schema: userSchema.extend({ auth: z.object({ kind: z.enum(['user', 'api_key', 'service']), scopes: z.array(z.string()).nullable(), session_id: z.string().nullable(), api_key_id: z.string().nullable() }) }),
    },
  },
  handler: async ({ deps, auth }) => ({
    ...(await deps.auth.accounts.me(auth!)),
    auth: { kind: auth!.kind, scopes: auth!.scopes === null ? null : [...auth!.scopes], session_id: auth!.sessionId, api_key_id: auth!.apiKeyId },
  }),
});
