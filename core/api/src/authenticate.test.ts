import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { bearerToken } from './authenticate.js';
import { defaultRoutes } from './default-routes.js';
import { defineRoute } from './define-route.js';
import { AUTH, fakeDeps, GOOD_TOKEN, SUBJECT } from './test-support/fake-deps.js';

const whoAmI = defineRoute({
  method: 'GET',
  path: '/api/v3/test/whoami',
  operationId: 'testWhoAmI', permission: 'workflows:read',
  summary: 'Returns the caller',
  tags: ['test'],
  responses: { 200: { description: 'Caller', schema: z.object({ subject: z.string().nullable() }) } },
  handler: ({ auth }) => ({ subject: auth?.subject ?? null }),
});

function setup() {
  const fake = fakeDeps();
  return { fake, app: createApp(fake.deps, [...defaultRoutes, whoAmI]) };
}

describe('bearer authentication', () => {
  it('refuses a protected route without a token with 401 and WWW-Authenticate', async () => {
    const res = await request(setup().app).get('/api/v3/plugins');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('refuses a token the verifier rejects with 401 invalid_token', async () => {
    const { app, fake } = setup();
    const res = await request(app).get('/api/v3/plugins').set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
    expect(fake.tokensSeen).toEqual(['nope']);
  });

  it('refuses a non-bearer Authorization scheme', async () => {
    const res = await request(setup().app).get('/api/v3/plugins').set('Authorization', `Basic ${GOOD_TOKEN}`);
    expect(res.status).toBe(401);
  });

  it('lets a valid token through and hands the principal to the handler', async () => {
    const res = await request(setup().app).get('/api/v3/test/whoami').set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ subject: SUBJECT });
  });

  it('serves public routes without a token', async () => {
    const { app, fake } = setup();
    for (const path of ['/health', '/api/v3/health', '/openapi.json', '/docs', '/redoc']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
    }
    expect(fake.tokensSeen).toEqual([]);
  });

  it('reads the token of a Bearer header case-insensitively and ignores trailing spaces', () => {
    expect(bearerToken('bearer abc.def ')).toBe('abc.def');
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
