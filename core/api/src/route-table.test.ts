import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { defineRoute } from './define-route.js';
import { AUTH, fakeDeps } from './test-support/fake-deps.js';

const thingParams = z.object({ id: z.string() });
const ownerParams = z.object({ owner: z.string() });
const routes = [
  defineRoute({
    method: 'GET', path: '/api/v3/things/{id}', operationId: 'getThing', permission: 'workflows:read', summary: 'A thing', tags: ['test'],
    request: { params: thingParams },
    responses: { 200: { description: 'The thing', schema: z.object({ id: z.string() }) } },
    handler: ({ params }) => ({ id: params.id }),
  }),
  defineRoute({
    method: 'DELETE', path: '/api/v3/things/{owner}', operationId: 'deleteThings', permission: 'workflows:write', summary: 'Forget an owner', tags: ['test'],
    request: { params: ownerParams },
    responses: { 204: { description: 'Gone' } },
    handler: () => undefined,
  }),
  defineRoute({
    method: 'POST', path: '/api/v3/things', operationId: 'createThing', permission: 'workflows:write', summary: 'Make one', tags: ['test'],
    request: { body: z.object({ name: z.string() }) },
    responses: { 201: { description: 'Made', schema: z.object({ id: z.string(), name: z.string() }) } },
    handler: ({ body, res }) => {
      res.status(201);
      return { id: 't1', name: body.name };
    },
  }),
];

const app = () => createApp(fakeDeps().deps, routes);

describe('route table', () => {
  it('routes by method and path, decoding parameters, with or without a trailing slash', async () => {
    expect((await request(app()).get('/api/v3/things/a%20b').set(AUTH)).body).toEqual({ id: 'a b' });
    expect((await request(app()).get('/api/v3/things/x/').set(AUTH)).body).toEqual({ id: 'x' });
    expect((await request(app()).delete('/api/v3/things/x').set(AUTH)).status).toBe(204);
  });

  it('answers a POST with the status the handler set, JSON and its length', async () => {
    const res = await request(app()).post('/api/v3/things').set(AUTH).send({ name: 'n' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ id: 't1', name: 'n' })));
    expect(res.body).toEqual({ id: 't1', name: 'n' });
  });

  it('answers HEAD on a GET route without a body, and GET with an ETag that a conditional GET turns into 304', async () => {
    const head = await request(app()).head('/api/v3/things/x').set(AUTH);
    expect(head.status).toBe(200);
    expect(head.text).toBeUndefined();
    const first = await request(app()).get('/api/v3/things/x').set(AUTH);
    expect(first.headers.etag).toBeDefined();
    const again = await request(app()).get('/api/v3/things/x').set(AUTH).set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it('refuses another method on paths of the same shape with 405 listing every method they take', async () => {
    const res = await request(app()).put('/api/v3/things/x').set(AUTH).send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, DELETE, HEAD, OPTIONS');
    expect(res.body.error.code).toBe('method_not_allowed');
    const options = await request(app()).options('/api/v3/things/x');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, DELETE, HEAD, OPTIONS');
  });

  it('leaves paths it does not know to the 404 answer, with the security headers and request id every answer has', async () => {
    const res = await request(app()).get('/api/v3/nothing-here').set(AUTH);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('makes no child logger for a request whose handler does not log', async () => {
    const fake = fakeDeps();
    const child = vi.spyOn(fake.deps.logger, 'child');
    await request(createApp(fake.deps, routes)).get('/api/v3/things/x').set(AUTH).expect(200);
    expect(child).not.toHaveBeenCalled();
    expect(fake.logs.find((line) => line.msg === 'request completed')).toMatchObject({ request_id: expect.any(String), status: 200 });
  });

  it('serves through a server made with its own request classes as through any other', async () => {
    const served = createApp(fakeDeps().deps, routes);
    const server = createServer({ IncomingMessage: served.IncomingMessage, ServerResponse: served.ServerResponse }, served).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}/api/v3/things`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"name":"m"}' });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: 't1', name: 'm' });
      expect((await fetch(`${base}/api/v3/things/x`)).status).toBe(401);
    } finally {
      server.close();
    }
  });
});
