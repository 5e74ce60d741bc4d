import { MAX_PASSWORD_LENGTH, roleSchema } from '@dwc/runtime';
import { z } from 'zod';
import { refreshInCookieField } from './refresh-cookie.js';

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    mfa_enabled: z.boolean(),
    disabled: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'User' });

export const tokenPairSchema = z
  .object({
    access_token: z.string().meta({ description: 'JWT for `Authorization: Bearer`; short-lived' }),
    refresh_token: z
      .string()
      .optional()
      .meta({ description: 'Opaque; trade it at /api/v3/auth/refresh for a new pair (each works once). Absent when the request asked for `refresh_in_cookie`' }),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    user: userSchema,
  })
  .meta({ id: 'TokenPair' });

export const passwordField = z.string().min(1).max(MAX_PASSWORD_LENGTH);
export const emailField = z.email({ error: 'must be an e-mail address' }).max(320);
export const nameField = z.string().trim().min(1).max(200);

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(320).meta({ description: 'The e-mail' }),
  password: passwordField,
  totp: z.string().min(1).max(64).optional().meta({ description: 'Current 6-digit code, or a recovery code, when MFA is on' }),
  refresh_in_cookie: refreshInCookieField,
});

export const accountBodySchema = z.strictObject({ email: emailField, password: passwordField, name: nameField.optional() });

export const tags = ['auth'];
