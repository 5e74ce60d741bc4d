import { AuthenticationError } from '@dwc/sdk';
import { parse } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';

/** The cookie that carries a browser session's refresh token; only the auth routes ever see it. */
export const REFRESH_COOKIE = 'dwc_refresh';
/** The only path the refresh cookie is sent to. */
export const REFRESH_COOKIE_PATH = '/api/v3/auth';
const COOKIE_PATH = REFRESH_COOKIE_PATH;

/** The opt-in field of the login and setup bodies; API clients that leave it out are unchanged. */
export const refreshInCookieField = z
  .boolean()
  .optional()
  .meta({
    description:
      'For browsers: true keeps the refresh token out of the reply and sets it as an HttpOnly, SameSite=Strict cookie scoped to /api/v3/auth (Secure over https); refresh then reads the cookie and logout clears it.',
  });

/** Sends the pair as asked: with the refresh token in the JSON, or in the cookie and left out of it. */
export function deliverPair<P extends { refresh_token: string }>(req: Request, res: Response, pair: P, inCookie: boolean | undefined, maxAgeSeconds: number | undefined): P | Omit<P, 'refresh_token'> {
  if (!inCookie) return pair;
  const { refresh_token: token, ...rest } = pair;
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: COOKIE_PATH,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds * 1000 }),
  });
  res.setHeader('Cache-Control', 'no-store');
  return rest;
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[REFRESH_COOKIE];
  return value ? value : undefined;
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: COOKIE_PATH });
}

/** The refresh token of a refresh call: from the body (API clients) or the cookie (the web UI). */
export function presentedRefreshToken(req: Request, fromBody: string | undefined): { token: string; fromCookie: boolean } {
  if (fromBody) return { token: fromBody, fromCookie: false };
  const cookie = readRefreshCookie(req);
  if (cookie) return { token: cookie, fromCookie: true };
  throw new AuthenticationError('Send {"refresh_token"} in the body, or sign in from the web UI so the session cookie is set.', { code: 'invalid_refresh_token' });
}
