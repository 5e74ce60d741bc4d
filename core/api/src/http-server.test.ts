import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultRoutes } from './default-routes.js';
import { defineRoute } from './define-route.js';
import { startHttpServer, type RunningHttpServer } from './http-server.js';
import { fakeDeps } from './test-support/fake-deps.js';

const running: RunningHttpServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

let releaseSlow: () => void = () => undefined;
let slowStarted: () => void = () => undefined;

const slowRoute = defineRoute({
  method: 'GET',
  path: '/slow',
  operationId: 'testSlow', permission: 'workflows:read',
  summary: 'Waits until the test releases it',
  tags: ['test'],
  responses: { 200: { description: 'done', schema: z.object({ done: z.boolean() }) } },
  handler: async () => {
    slowStarted();
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { done: true };
  },
});

async function start(port = 0): Promise<RunningHttpServer> {
  const server = await startHttpServer({ deps: fakeDeps().deps, port, host: '127.0.0.1', routes: [...defaultRoutes, slowRoute] });
  running.push(server);
  return server;
}

function get(url: string): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startHttpServer', () => {
  it('listens on a free port when given 0 and reports its URL', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await get(`${server.url}/health`)).status).toBe(200);
  });

  it('rejects with an error naming PORT and the port when the port is taken', async () => {
    const first = await start();
    await expect(start(first.port)).rejects.toThrow(`PORT ${first.port} is already in use`);
  });

  it('lets an in-flight request finish after close() and refuses new connections', async () => {
    const server = await start();
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    const slow = get(`${server.url}/slow`);
    await started;
    const closed = server.close();
    await expect(get(`${server.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    releaseSlow();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ done: true });
    expect(res.connection).toBe('close');
    await closed;
  });

  it('closes idle keep-alive connections so close() resolves promptly', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    await res.text();
    const began = Date.now();
    await server.close();
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('destroys requests still running when the shutdown timeout passes', async () => {
    const server = await startHttpServer({
      deps: fakeDeps().deps,
      port: 0,
      routes: [...defaultRoutes, slowRoute],
      shutdownTimeoutMs: 100,
    });
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    const slow = get(`${server.url}/slow`);
    await started;
    await server.close();
    await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
    releaseSlow();
  });
});

function getWith(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startHttpServer on loopback (DNS rebinding)', () => {
  it('answers requests addressed to 127.0.0.1 and localhost on its port', async () => {
    const server = await start();
    expect((await getWith(`${server.url}/health`, { host: `127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await getWith(`${server.url}/health`, { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host with 421 and a foreign Origin with 403, in the usual error body', async () => {
    const server = await start();
    const host = await getWith(`${server.url}/health`, { host: `evil.example:${server.port}` });
    expect(host.status).toBe(421);
    expect(JSON.parse(host.body)).toMatchObject({ error: { code: 'host_header_refused' } });
    const origin = await getWith(`${server.url}/api/v3/workflows`, { origin: `http://evil.example:${server.port}` });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body)).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('refuses a WebSocket upgrade from a foreign Origin before authentication', async () => {
    const server = await start();
    const reply = await getWith(`${server.url}/api/v3/ws/ws`, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('runs the gates it is given after its own, with the port it listens on', async () => {
    const seen: number[] = [];
    const server = await startHttpServer({
      deps: fakeDeps().deps,
      port: 0,
      host: '127.0.0.1',
      gates: (port) => [
        (req) => {
          seen.push(port);
          return req.headers['x-pass'] === 'yes' ? undefined : { status: 401, code: 'invalid_token', message: 'no pass' };
        },
      ],
    });
    running.push(server);
    expect((await getWith(`${server.url}/health`, {})).status).toBe(401);
    expect((await getWith(`${server.url}/health`, { 'x-pass': 'yes' })).status).toBe(200);
    expect((await getWith(`${server.url}/health`, { host: 'evil.example', 'x-pass': 'yes' })).status).toBe(421);
    expect(seen).toEqual([server.port, server.port]);
  });

  it('does not guard the Host when it listens on every interface', async () => {
    const server = await startHttpServer({ deps: fakeDeps().deps, port: 0, host: '::' });
    running.push(server);
    expect((await getWith(`http://127.0.0.1:${server.port}/health`, { host: 'dwc.internal.example' })).status).toBe(200);
  });
});
