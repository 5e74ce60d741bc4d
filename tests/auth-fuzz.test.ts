import { defaultRoutes, type Route } from '@dwc/api';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// Every route tagged auth or security that reads a body: routes added later with these tags are covered too.
const targets = defaultRoutes.filter((route) => (route.tags.includes('auth') || route.tags.includes('security')) && route.request.body !== undefined);
const RUNS = 40;

/** Bodies of many shapes: any JSON value, objects whose known fields hold the wrong types, huge strings. */
function malformedBodies(route: Route): fc.Arbitrary<unknown> {
  const body = route.request.body!;
  const keys = 'shape' in body && typeof body.shape === 'object' && body.shape !== null ? Object.keys(body.shape) : ['username', 'password', 'email', 'code'];
  const wrongValue = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 5 }), fc.constant(null), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }), fc.string({ minLength: 70_000, maxLength: 90_000 }));
  const partial = fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), wrongValue, { maxKeys: keys.length + 2 });
  return fc.oneof(fc.jsonValue(), partial, fc.string({ minLength: 200_000, maxLength: 300_000 })).filter((value) => !body.safeParse(value).success);
}

describe('malformed bodies at every auth and security route', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', { ...noRateLimitEnv, DWC_RATE_LIMIT_AUTH: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('covers the routes it should', () => {
    expect(targets.map((route) => route.operationId)).toEqual(expect.arrayContaining(['login', 'securityLogin', 'refreshToken', 'createUser', 'createApiKey', 'mfaVerify', 'validatePassword', 'setupFirstOwner']));
  });

  it.each(targets.map((route) => [`${route.method} ${route.path}`, route] as const))('%s answers 4xx with the error shape, never 500', async (_name, route) => {
    const path = route.path.replace(/\{[^}]+\}/g, 'some-id');
    await fc.assert(
      fc.asyncProperty(malformedBodies(route), fc.boolean(), async (body, raw) => {
        const json = JSON.stringify(body) ?? 'undefined';
        // Half the time the JSON is cut short, so malformed JSON is tried too. A string is sometimes
        // sent as raw text. Never send an empty text: that is no body, which optional bodies accept.
        const cut = json.slice(0, -1) || json;
        const text = typeof body === 'string' && body !== '' && raw ? body : raw ? cut : json;
        const call = request(t.app)[route.method.toLowerCase() as 'post'](path).set({ authorization: `Bearer ${t.owner.token}`, 'content-type': 'application/json' }).send(text);
        const response = await call;
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String), ...(response.body.error?.details === undefined ? {} : { details: expect.anything() }) } });
      }),
      { numRuns: RUNS },
    );
  });
});
