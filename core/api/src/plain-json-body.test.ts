import { gzipSync } from 'node:zlib';
import { createConnection } from 'node:net';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { defineRoute } from './define-route.js';
import { bodyLimitBytes } from './json-body.js';
import { parseStrictJson } from './plain-json-body.js';
import { fakeDeps } from './test-support/fake-deps.js';

const echo = defineRoute({
  method: 'POST', path: '/api/v3/test/echo', operationId: 'testEchoBody', permission: 'public', summary: 'Echoes the body', tags: ['test'],
  request: { body: z.unknown() },
  responses: { 200: { description: 'The body', schema: z.object({ body: z.unknown() }) } },
  handler: ({ body }) => ({ body }),
});
const app = () => createApp(fakeDeps().deps, [echo]);
const post = (type: string, body: string | Buffer) => request(app()).post('/api/v3/test/echo').set('Content-Type', type).send(body);

describe('JSON request bodies', () => {
  it('reads UTF-8 JSON of a declared length, whatever the case of its type', async () => {
    expect((await post('application/json', '{"a":[1,"é"]}')).body).toEqual({ body: { a: [1, 'é'] } });
    expect((await post('Application/JSON; charset=UTF-8', ' [true]')).body).toEqual({ body: [true] });
  });

  it('keeps body-parser strict rules: only an object or array, and whitespace alone is malformed', async () => {
    for (const body of ['"text"', '42', '   ', '{"a": ']) {
      const res = await post('application/json', body);
      expect(res.status, body).toBe(400);
      expect(res.body.error.code, body).toBe('malformed_json');
    }
    expect(parseStrictJson('')).toEqual({});
    expect(parseStrictJson('\n\t {"a":1}')).toEqual({ a: 1 });
  });

  it('leaves compressed bodies, other charsets and bodies over the limit to body-parser', async () => {
    const server = createServer(app()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
      const gzipped = await fetch(`http://127.0.0.1:${port}/api/v3/test/echo`, { method: 'POST', headers, body: gzipSync('{"z":1}') });
      expect(await gzipped.json()).toEqual({ body: { z: 1 } });
    } finally {
      server.close();
    }
    const latin1 = await post('application/json; charset=latin1', '{"a":1}');
    expect(latin1.status).toBe(415);
    const big = await post('application/json', JSON.stringify({ text: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
  });

  it('answers 400 when the client stops sending mid-body, and the server keeps serving', async () => {
    const server = createServer(app()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const socket = createConnection(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /api/v3/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"cut":');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      const res = await fetch(`http://127.0.0.1:${port}/api/v3/test/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"after":1}' });
      expect(await res.json()).toEqual({ body: { after: 1 } });
    } finally {
      server.close();
    }
  });

  it('counts the body limit in bytes as body-parser does', () => {
    expect(bodyLimitBytes('512kb')).toBe(512 * 1024);
    expect(bodyLimitBytes('1MB')).toBe(1024 * 1024);
    expect(bodyLimitBytes('100b')).toBe(100);
    expect(() => bodyLimitBytes('1gb')).toThrow(/512kb or 1mb/);
  });
});
