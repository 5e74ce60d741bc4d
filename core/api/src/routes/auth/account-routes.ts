import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestMeta } from '../../request-meta.js';
import { accountBodySchema, passwordField, tags, tokenPairSchema } from './auth-wire.js';
import { deliverPair, refreshInCookieField } from './refresh-cookie.js';

export const setupRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/setup',
  operationId: 'setupFirstOwner',
  errors: ['invalid_setup_token', 'already_set_up', 'weak_password'],
  permission: 'public',
  credentialRateLimit: true,
  summary: 'Create the first owner with the one-time setup token from the server log',
  tags,
  request: { body: accountBodySchema.extend({ setup_token: z.string().min(1).max(200), refresh_in_cookie: refreshInCookieField }) },
  responses: {
    201: { description: 'The owner, signed in', schema: tokenPairSchema },
    401: errorResponse('Wrong or used setup token'),
    409: errorResponse('An owner already exists'),
  },
  handler: async ({ deps, body, req, res }) => {
    const { setup_token: token, refresh_in_cookie: inCookie, ...account } = body;
    const pair = await deps.auth.onboarding.setup(token, account, requestMeta(req));
    res.status(201);
    return deliverPair(req, res, pair, inCookie, deps.http.refreshTtlSeconds);
  },
});

export const registerRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/register',
  operationId: 'register',
  errors: ['registration_disabled', 'email_taken', 'weak_password'],
  permission: 'public',
  credentialRateLimit: true,
  summary: 'Create your own account (a viewer) when the server allows registration',
  tags,
  request: { body: accountBodySchema },
  responses: {
    201: { description: 'The new user, signed in', schema: tokenPairSchema },
    403: errorResponse('Registration is turned off (DWC_ALLOW_REGISTRATION)'),
    409: errorResponse('The e-mail is taken'),
  },
  handler: async ({ deps, body, req, res }) => {
    const pair = await deps.auth.onboarding.register(body, requestMeta(req));
    res.status(201);
    return pair;
  },
});

export const changePasswordRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/password',
  operationId: 'changePassword',
  errors: ['not_a_user', 'invalid_credentials', 'weak_password'],
  permission: 'account:write',
  summary: 'Change your password (needs the current one); ends your other sessions',
  tags,
  request: { body: z.strictObject({ current_password: passwordField, new_password: passwordField }) },
  responses: { 204: { description: 'Changed' }, 400: errorResponse('Too weak (`weak_password`, feedback in details)'), 401: errorResponse('Wrong current password') },
  handler: async ({ deps, body, auth, req }) => {
    await deps.auth.accounts.changePassword(auth!, body, requestMeta(req));
  },
});
