import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestMeta } from '../../request-meta.js';
import { passwordField } from './auth-wire.js';

const tags = ['auth', 'mfa'];
const code = z.string().min(1).max(64);

export const mfaEnrollRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/mfa/enroll',
  operationId: 'mfaEnroll',
  errors: ['not_a_user', 'mfa_already_enabled'],
  permission: 'account:write',
  summary: 'Start TOTP enrolment: a secret as an otpauth URI and a QR code',
  tags,
  responses: {
    200: { description: 'Scan the QR code (or enter the secret), then call mfa/verify with a code', schema: z.object({ secret: z.string(), otpauth_uri: z.string(), qr_code: z.string().meta({ description: 'PNG data URL' }) }) },
    409: errorResponse('MFA is already on'),
  },
  handler: ({ deps, auth, req }) => deps.auth.mfa.enroll(auth!, requestMeta(req)),
});

export const mfaVerifyRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/mfa/verify',
  operationId: 'mfaVerify',
  errors: ['not_a_user', 'mfa_already_enabled', 'mfa_not_enrolled', 'invalid_mfa_code'],
  permission: 'account:write',
  summary: 'Turn MFA on with a code from the app; returns recovery codes once',
  tags,
  request: { body: z.strictObject({ code }) },
  responses: { 200: { description: 'MFA is on; keep these one-time recovery codes safe', schema: z.object({ recovery_codes: z.array(z.string()) }) }, 401: errorResponse('Wrong code') },
  handler: ({ deps, auth, body, req }) => deps.auth.mfa.verify(auth!, body.code, requestMeta(req)),
});

export const mfaDisableRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/mfa/disable',
  operationId: 'mfaDisable',
  errors: ['not_a_user', 'mfa_not_enabled', 'invalid_credentials', 'invalid_mfa_code'],
  permission: 'account:write',
  summary: 'Turn MFA off (password and a current code or recovery code)',
  tags,
  request: { body: z.strictObject({ password: passwordField, code }) },
  responses: { 204: { description: 'MFA is off' }, 401: errorResponse('Wrong password or code') },
  handler: async ({ deps, auth, body, req }) => {
    await deps.auth.mfa.disable(auth!, body, requestMeta(req));
  },
});
