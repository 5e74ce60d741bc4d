import { describe, expect, it } from 'vitest';
import { isSecretField, redact } from './redact.js';

describe('redaction by field name', () => {
  it.each([
    'password', 'newPassword', 'current_password', 'token', 'refresh_token', 'accessToken', 'secret', 'client_secret', 'totp', 'totp_code', 'otp',
    'authorization', 'Authorization', 'cookie', 'api_key', 'apiKey', 'API-KEY', 'private_key', 'key', 'recovery_codes', 'credentials', 'code', 'value', 'pin', 'jwt',
  ])('redacts %s', (name) => {
    expect(isSecretField(name)).toBe(true);
  });

  it.each(['key_id', 'keyId', 'key_prefix', 'username', 'email', 'role', 'status_code', 'monkey', 'id', 'name', 'fields', 'kind', 'ip', 'reason'])('keeps %s', (name) => {
    expect(isSecretField(name)).toBe(false);
  });

  it('redacts nested members and keeps the rest, cutting long strings and deep structures', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    expect(redact({ user: { email: 'a@b.c', password: 'p' }, list: [{ token: 't', n: 1 }], long: 'x'.repeat(600), deep })).toEqual({
      user: { email: 'a@b.c', password: '[redacted]' },
      list: [{ token: '[redacted]', n: 1 }],
      long: `${'x'.repeat(500)}…`,
      deep: { a: { b: { c: { d: { e: '[truncated]' } } } } },
    });
  });
});
