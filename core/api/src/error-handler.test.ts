import { randomBytes } from 'node:crypto';
import { createKeyring, PluginLoadError, TooManyAttemptsError } from '@dwc/runtime';
import {
  AuthenticationError,
  ConfigError,
  ConflictError,
  DwcError,
  ExternalServiceError,
  InputError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  UnavailableError,
} from '@dwc/sdk';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { defaultRoutes } from './default-routes.js';
import { defineRoute } from './define-route.js';
import { AUTH, fakeDeps } from './test-support/fake-deps.js';

const thrown: Record<string, () => Error> = {
  input: () => new InputError('bad field', { details: { name: ['Required'] } }),
  authentication: () => new AuthenticationError('who are you'),
  permission: () => new PermissionError('not yours'),
  'not-found': () => new NotFoundError('no such thing'),
  conflict: () => new ConflictError('already exists'),
  external: () => new ExternalServiceError('upstream said no'),
  timeout: () => new TimeoutError('too slow'),
  unavailable: () => new UnavailableError('shutting down'),
  unexpected: () => new Error('secret connection string postgres://admin:hunter2@db'),
  'plain-dwc': () => new DwcError('weird', 'internal detail hunter2'),
  // The real keyring's error when a stored secret was sealed under a key this process lacks.
  'master-key': () => {
    try {
      createKeyring(randomBytes(32)).require('k-0123456789abcdef');
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected master_key_missing');
  },
  config: () => new ConfigError('OPENAI_API_KEY is not set; set it and restart.'),
  'plugin-load': () => new PluginLoadError('@dwc/plugin-x', 'plugin_sdk_mismatch', 'built for @dwc/sdk ^2, this host has 1.0.0.'),
  'too-many': () => new TooManyAttemptsError('Too many failed sign-ins; try again in 30 s.', 30, { code: 'account_locked' }),
  'step-in-body': () => new InputError('Workflow version 1 has no step "ghost".', { code: 'step_not_found' }),
  'step-in-path': () => new NotFoundError('The workflow has no step "ghost".', { code: 'step_not_found' }),
  bug: () => {
    const settings = undefined as unknown as { retries: number };
    return new Error(`bug: ${settings.retries}`);
  },
};

const throwRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/test/throw/{kind}',
  operationId: 'testThrow',
  summary: 'Throws the error named by kind',
  tags: ['test'],
  permission: 'public',
  request: { params: z.object({ kind: z.string() }) },
  responses: { 200: { description: 'never' } },
  handler: ({ params }) => {
    throw (thrown[params.kind] ?? thrown.unexpected!)();
  },
});

const echoRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/test/items/{id}',
  operationId: 'testEcho',
  summary: 'Echoes validated input',
  tags: ['test'],
  permission: 'public',
  request: {
    params: z.object({ id: z.string().regex(/^\d+$/, 'must be digits') }),
    query: z.object({ limit: z.coerce.number().int().max(50).optional() }),
    body: z.object({ name: z.string().min(1), tags: z.array(z.string()).optional() }),
  },
  responses: { 201: { description: 'Echo', schema: z.object({ id: z.string(), limit: z.number().optional(), name: z.string() }) } },
  handler: ({ params, query, body, res }) => {
    res.status(201);
    return { id: params.id, limit: query.limit, name: body.name };
  },
});

function app() {
  const fake = fakeDeps({ bodyLimit: '1kb' });
  return { fake, app: createApp(fake.deps, [...defaultRoutes, throwRoute, echoRoute]) };
}

describe('error responses', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await request(app().app).put('/api/v3/plugins/x/config').set(AUTH).set('Content-Type', 'application/json').send('{"a": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const res = await request(app().app)
      .put('/api/v3/plugins/x/config')
      .set(AUTH)
      .send({ big: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers a non-JSON body on a body route with 415', async () => {
    const res = await request(app().app).post('/api/v3/test/items/1').set('Content-Type', 'text/plain').send('name=x');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('answers an unknown route with 404 naming the method and path', async () => {
    const res = await request(app().app).delete('/api/v3/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toContain('DELETE /api/v3/nothing-here');
  });

  it('answers a wrong method on a known path with 405 and an Allow header', async () => {
    const res = await request(app().app).delete('/health');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('answers OPTIONS on a known path with 204 and an Allow header', async () => {
    const res = await request(app().app).options('/api/v3/plugins/abc');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('lists every invalid field of params, query and body in one 400', async () => {
    const res = await request(app().app).post('/api/v3/test/items/abc?limit=500').send({ name: '', tags: [1] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.details).sort()).toEqual(['body.name', 'body.tags.0', 'params.id', 'query.limit']);
    expect(res.body.error.details['params.id']).toEqual(['must be digits']);
    expect(res.body.error.message).toMatch(/^Invalid request: .*params\.id: must be digits/);
  });

  it('reports a missing body as the field "body"', async () => {
    const res = await request(app().app).post('/api/v3/test/items/1');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['body']);
  });

  it('passes validated and coerced input to the handler', async () => {
    const res = await request(app().app).post('/api/v3/test/items/7?limit=3').send({ name: 'x' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: '7', limit: 3, name: 'x' });
  });

  it.each([
    ['input', 400, 'invalid_input'],
    ['authentication', 401, 'unauthenticated'],
    ['permission', 403, 'forbidden'],
    ['not-found', 404, 'not_found'],
    ['conflict', 409, 'conflict'],
    ['external', 502, 'external_service_failed'],
    ['unavailable', 503, 'unavailable'],
    ['timeout', 504, 'timeout'],
  ])('maps a thrown %s error to status %i with its code and message', async (kind, status, code) => {
    const res = await request(app().app).get(`/api/v3/test/throw/${kind}`);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toBe(thrown[kind]!().message);
  });

  it('sends the details of an InputError', async () => {
    const res = await request(app().app).get('/api/v3/test/throw/input');
    expect(res.body.error.details).toEqual({ name: ['Required'] });
  });

  it('adds WWW-Authenticate: Bearer to a 401', async () => {
    const res = await request(app().app).get('/api/v3/test/throw/authentication');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers a ConfigError reaching a route (the keyring\'s master_key_missing) with 503 and its message, not a blank 500', async () => {
    const res = await request(app().app).get('/api/v3/test/throw/master-key');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('master_key_missing');
    expect(res.body.error.message).toMatch(/^A secret is encrypted with master key k-0123456789abcdef, which this process does not hold .*DWC_MASTER_KEY_PREVIOUS/);
  });

  it('answers a ConfigError without its own code as 503 invalid_config, keeping the message that names the setting', async () => {
    const res = await request(app().app).get('/api/v3/test/throw/config');
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({ code: 'invalid_config', message: 'OPENAI_API_KEY is not set; set it and restart.' });
  });

  it('takes the status from the catalogue where the class has none: a plugin that cannot load is 422, too many attempts 429 with Retry-After', async () => {
    const plugin = await request(app().app).get('/api/v3/test/throw/plugin-load');
    expect(plugin.status).toBe(422);
    expect(plugin.body.error.code).toBe('plugin_sdk_mismatch');
    const locked = await request(app().app).get('/api/v3/test/throw/too-many');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.body.error).toMatchObject({ code: 'account_locked', details: { retry_after_seconds: 30 } });
  });

  it('lets the class refine one client error into another: a step named in the body is 400, in the path 404', async () => {
    expect((await request(app().app).get('/api/v3/test/throw/step-in-body')).status).toBe(400);
    expect((await request(app().app).get('/api/v3/test/throw/step-in-path')).status).toBe(404);
  });

  it('answers a real bug with 500 in the error shape naming the request id, and logs its stack', async () => {
    const { app: server, fake } = app();
    const res = await request(server).get('/api/v3/test/throw/bug').set('X-Request-Id', 'req-bug-1');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side; quote request id req-bug-1 when reporting it.',
        details: { request_id: 'req-bug-1' },
      },
    });
    const logged = fake.logs.find((line) => line.msg === 'request failed') as { level: number; request_id: string; err: { type: string; stack: string } };
    expect(logged).toMatchObject({ level: 50, request_id: 'req-bug-1', err: { type: 'TypeError' } });
    expect(logged.err.stack).toMatch(/TypeError: Cannot read properties of undefined \(reading 'retries'\)\n\s+at /);
    expect(logged.err.stack).toContain('error-handler.test.ts');
  });

  it.each(['unexpected', 'plain-dwc'])('answers an %s throw with a generic 500 that names the request id and hides the message', async (kind) => {
    const { app: server, fake } = app();
    const res = await request(server).get(`/api/v3/test/throw/${kind}`).set('X-Request-Id', 'req-500');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
    expect(res.body.error.message).toContain('req-500');
    expect(res.body.error.details).toEqual({ request_id: 'req-500' });
    expect(res.text).not.toContain('hunter2');
    const logged = fake.logs.find((line) => line.msg === 'request failed');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });
});
