import { api } from '../../lib/api-client';
import type { TokenReply } from '../../lib/auth-store';

/** UI sign-ins ask the server to keep the refresh token in an HttpOnly cookie instead of the reply. */
const COOKIE = { refresh_in_cookie: true } as const;

export function signIn(body: { username: string; password: string; totp?: string }): Promise<TokenReply> {
  return api<TokenReply>('/api/v3/auth/login', { method: 'POST', body: { ...body, ...COOKIE }, auth: false });
}

export function setupOwner(body: { setup_token: string; email: string; password: string; name?: string }): Promise<TokenReply> {
  return api<TokenReply>('/api/v3/auth/setup', { method: 'POST', body: { ...body, ...COOKIE }, auth: false });
}
