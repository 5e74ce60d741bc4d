import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_OWNER } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

/** The `dwc_refresh=...` pair of a response's Set-Cookie, and the attributes it was set with. */
function refreshCookie(response: request.Response): { pair: string; value: string; attributes: string[] } {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('dwc_refresh='));
  if (!header) throw new Error(`no dwc_refresh cookie in ${JSON.stringify(response.headers)}`);
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { pair: pair!, value: pair!.slice('dwc_refresh='.length), attributes };
}

describe('web UI sessions keep the refresh token in an HttpOnly cookie', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_AUTH: '1000', DWC_TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });
  const uiLogin = () => request(t.app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password, refresh_in_cookie: true });

  it('sets the cookie HttpOnly, SameSite=Strict, scoped to the auth routes, and leaves the token out of the JSON', async () => {
    const response = await uiLogin();
    expect(response.status).toBe(200);
    expect(response.body.refresh_token).toBeUndefined();
    expect(response.body.access_token.split('.')).toHaveLength(3);
    const cookie = refreshCookie(response);
    expect(cookie.value).toMatch(/^dwcr_/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v3/auth', 'Max-Age=2592000']));
    expect(cookie.attributes).not.toContain('Secure');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const response = await uiLogin().set('X-Forwarded-Proto', 'https');
    expect(refreshCookie(response).attributes).toContain('Secure');
  });

  it('leaves API clients unchanged: without the opt-in the token is in the JSON and no cookie is set', async () => {
    const response = await t.login(TEST_OWNER.email, TEST_OWNER.password);
    expect(response.body.refresh_token).toMatch(/^dwcr_/);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refreshes from the cookie alone, rotates it, and ends the session when an old cookie comes back', async () => {
    const first = refreshCookie(await uiLogin());
    const refreshed = await request(t.app).post('/api/v3/auth/refresh').set('Cookie', first.pair).send({});
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect(refreshed.body.access_token).toBeTruthy();
    const second = refreshCookie(refreshed);
    expect(second.value).not.toBe(first.value);

    const replay = await request(t.app).post('/api/v3/auth/refresh').set('Cookie', first.pair).send({});
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh_token_reused');
    expect(refreshCookie(replay).value).toBe('');
    const afterReplay = await request(t.app).post('/api/v3/auth/refresh').set('Cookie', second.pair).send({});
    expect(afterReplay.status).toBe(401);
  });

  it('refuses a refresh with neither a body token nor a cookie', async () => {
    const response = await request(t.app).post('/api/v3/auth/refresh').send({});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_refresh_token');
  });

  it('clears the cookie on logout, after which it no longer refreshes', async () => {
    const login = await uiLogin();
    const cookie = refreshCookie(login);
    const logout = await request(t.app).post('/api/v3/auth/logout').set({ authorization: `Bearer ${login.body.access_token}`, Cookie: cookie.pair }).send({});
    expect(logout.status).toBe(200);
    const cleared = refreshCookie(logout);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Path=/api/v3/auth', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    const refresh = await request(t.app).post('/api/v3/auth/refresh').set('Cookie', cookie.pair).send({});
    expect(refresh.status).toBe(401);
  });

  it('documents the opt-in in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/openapi.json')).text;
    expect(doc).toContain('refresh_in_cookie');
  });
});
