import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ExternalServiceError, InputError, TimeoutError } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpPolicy } from '../common/config.js';
import type { Resolver } from '@dwc/sdk';
import { createHttpClient, type HttpClient } from '../common/http-client.js';
import { startServer, stepContext } from '../test-support/test-server.js';
import { createHttpRequestAction, httpRequestInputSchema } from './http-request.js';

const clients: HttpClient[] = [];
/** The action under `policy` (by default: any host, private networks allowed), resolving names with `resolve`. */
function actionWith(policy: Partial<HttpPolicy> = {}, resolve?: Resolver) {
  const full: HttpPolicy = { allowedHosts: [], denyPrivateNetworks: false, allowedPrivateHosts: [], ...policy };
  const client = createHttpClient(full, resolve);
  clients.push(client);
  const created = createHttpRequestAction(full, client);
  return (input: Record<string, unknown>, signal?: AbortSignal) => created.run(created.input.parse(input), stepContext(signal));
}
const call = actionWith();

let server: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  other = await startServer({
    '/headers': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers)),
  });
  server = await startServer({
    '/json': (req, res) =>
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-Custom': 'yes' }).end(JSON.stringify({ ok: true, query: req.url })),
    '/echo': (req, res, body) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'], body })),
    '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'),
    '/bad-json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'),
    '/redirect': (_req, res) => res.writeHead(302, { location: '/json' }).end(),
    '/redirect-post': (_req, res) => res.writeHead(303, { location: '/echo' }).end(),
    '/redirect-other': (_req, res) => res.writeHead(307, { location: `${other.origin}/headers` }).end(),
    '/redirect-loop': (_req, res) => res.writeHead(302, { location: '/redirect-loop' }).end(),
    '/redirect-localhost': (_req, res) => res.writeHead(302, { location: `http://localhost:${server.port}/json` }).end(),
    '/redirect-metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/redirect-rebind': (_req, res) => res.writeHead(302, { location: `http://rebind.test:${server.port}/json` }).end(),
    '/slow': (_req, res) => setTimeout(() => res.writeHead(200).end('late'), 5_000).unref(),
    '/endless': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    },
    '/big-declared': (_req, res) => res.writeHead(200, { 'content-length': String(5000) }).end(Buffer.alloc(5000)),
    '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such item"}'),
    '/busy': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end('try later'),
    '/reset': (req) => req.socket.destroy(),
    '/empty': (_req, res) => res.writeHead(204).end(),
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
  await other.close();
});

describe('http.request', () => {
  it('GETs JSON and returns status, lower-case headers, parsed body, size, duration and URL', async () => {
    const result = await call({ url: `${server.origin}/json`, query: { q: 'a b', n: 2, flag: true } });
    expect(result).toMatchObject({ status: 200, body: { ok: true, query: '/json?q=a+b&n=2&flag=true' }, url: `${server.origin}/json?q=a+b&n=2&flag=true` });
    expect(result.headers['x-custom']).toBe('yes');
    expect(result.size_bytes).toBe(Buffer.byteLength(JSON.stringify(result.body)));
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('POSTs an object as JSON with content-type set', async () => {
    const result = await call({ url: `${server.origin}/echo`, method: 'POST', body: { name: 'dwc', n: [1, 2] } });
    expect(result.body).toEqual({ method: 'POST', contentType: 'application/json', body: '{"name":"dwc","n":[1,2]}' });
  });

  it('sends a string body as it is and keeps a given content-type', async () => {
    const result = await call({ url: `${server.origin}/echo`, method: 'PUT', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(result.body).toEqual({ method: 'PUT', contentType: 'application/x-www-form-urlencoded', body: 'a=1' });
  });

  it('returns text for a text response, and text when response_type is text even for JSON', async () => {
    await expect(call({ url: `${server.origin}/text` })).resolves.toMatchObject({ body: 'plain words' });
    await expect(call({ url: `${server.origin}/json`, response_type: 'text' })).resolves.toMatchObject({ body: expect.stringContaining('"ok":true') });
  });

  it('parses a text/plain body when response_type is json', async () => {
    await expect(call({ url: `${server.origin}/echo`, method: 'POST', body: 'x', response_type: 'json' })).resolves.toMatchObject({ body: { body: 'x' } });
  });

  it('fails without retry when response_type is json and the body is not JSON; auto falls back to text', async () => {
    const failure = call({ url: `${server.origin}/bad-json`, response_type: 'json' });
    await expect(failure).rejects.toBeInstanceOf(ExternalServiceError);
    await expect(failure).rejects.toMatchObject({ code: 'http_invalid_json', retryable: false });
    await expect(call({ url: `${server.origin}/bad-json` })).resolves.toMatchObject({ body: '{not json' });
  });

  it('returns null for an empty body and handles HEAD', async () => {
    await expect(call({ url: `${server.origin}/empty` })).resolves.toMatchObject({ status: 204, body: '', size_bytes: 0 });
    await expect(call({ url: `${server.origin}/json`, method: 'HEAD' })).resolves.toMatchObject({ status: 200, body: null, size_bytes: 0 });
  });

  it('does not hold a HEAD response to max_response_bytes by its content-length', async () => {
    await expect(call({ url: `${server.origin}/big-declared`, method: 'HEAD', max_response_bytes: 1000 })).resolves.toMatchObject({
      status: 200,
      headers: { 'content-length': '5000' },
    });
  });

  it('follows redirects and reports the final URL', async () => {
    await expect(call({ url: `${server.origin}/redirect` })).resolves.toMatchObject({ status: 200, body: { ok: true }, url: `${server.origin}/json` });
  });

  it('turns a POST into a GET without body on 303', async () => {
    await expect(call({ url: `${server.origin}/redirect-post`, method: 'POST', body: { a: 1 } })).resolves.toMatchObject({
      body: { method: 'GET', body: '' },
    });
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const result = await call({ url: `${server.origin}/redirect-other`, headers: { authorization: 'Bearer secret', 'x-keep': '1' } });
    expect(result.body).toMatchObject({ 'x-keep': '1' });
    expect(result.body).not.toHaveProperty('authorization');
  });

  it('stops after 20 redirects', async () => {
    await expect(call({ url: `${server.origin}/redirect-loop` })).rejects.toMatchObject({ code: 'http_bad_redirect', retryable: false });
  });

  it('throws a TimeoutError naming the URL and the timeout', async () => {
    const failure = call({ url: `${server.origin}/slow?token=abc`, timeout_ms: 100 });
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    await expect(failure).rejects.toThrow(`${server.origin}/slow?… did not complete within 100 ms`);
  });

  it('aborts a body that grows past max_response_bytes and names the setting', async () => {
    const failure = call({ url: `${server.origin}/endless`, max_response_bytes: 200_000 });
    await expect(failure).rejects.toMatchObject({ code: 'http_response_too_large', retryable: false, details: { max_response_bytes: 200_000 } });
    await expect(failure).rejects.toThrow(/max_response_bytes \(200000 bytes; stopped after \d+ bytes\)/);
  });

  it('refuses a body whose content-length is already past the limit', async () => {
    await expect(call({ url: `${server.origin}/big-declared`, max_response_bytes: 1000 })).rejects.toThrow('content-length says 5000');
  });

  it('fails a 404 without retry and keeps an excerpt of the body', async () => {
    const failure = call({ url: `${server.origin}/missing` });
    await expect(failure).rejects.toMatchObject({ code: 'http_status', retryable: false, details: { status: 404, body_excerpt: '{"error":"no such item"}' } });
  });

  it('fails a 503 as retryable with retry-after in the details', async () => {
    await expect(call({ url: `${server.origin}/busy` })).rejects.toMatchObject({ retryable: true, details: { status: 503, retry_after: '120' } });
  });

  it('returns error statuses as output when fail_on_status is false', async () => {
    await expect(call({ url: `${server.origin}/missing`, fail_on_status: false })).resolves.toMatchObject({ status: 404, body: { error: 'no such item' } });
  });

  it('maps a reset connection to a retryable error naming the host and code', async () => {
    const failure = call({ url: `${server.origin}/reset` });
    await expect(failure).rejects.toMatchObject({ code: 'http_connection_failed', retryable: true, details: { host: '127.0.0.1' } });
    await expect(failure).rejects.toThrow(/host "127\.0\.0\.1" failed \([A-Z_]+\)/);
  });

  it('maps a refused connection to a retryable error with ECONNREFUSED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(call({ url: `http://127.0.0.1:${port}/` })).rejects.toMatchObject({ retryable: true, details: { error_code: 'ECONNREFUSED' } });
  });

  it('rejects with the step signal reason when the step is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('execution cancelled');
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();
    await expect(call({ url: `${server.origin}/slow` }, controller.signal)).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a GET with a body and a header with a line break', async () => {
    await expect(call({ url: `${server.origin}/json`, body: { a: 1 } })).rejects.toBeInstanceOf(InputError);
    await expect(call({ url: `${server.origin}/json`, headers: { 'x-a': 'one\ntwo' } })).rejects.toThrow('Header "x-a"');
  });

  it('rejects non-http URLs and URLs with credentials at input validation', () => {
    expect(httpRequestInputSchema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(httpRequestInputSchema.safeParse({ url: 'https://user:pw@example.com/' }).success).toBe(false);
    expect(httpRequestInputSchema.safeParse({ url: 'https://example.com/', timeout_ms: 300_001 }).success).toBe(false);
  });
});

describe('http.request host policy', () => {
  it('refuses a host outside allowed_hosts before connecting, naming the host and the setting', async () => {
    const limited = actionWith({ allowedHosts: ['api.example.com', '*.example.org'] });
    const failure = limited({ url: 'https://evil.example.net/x' });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow('Host "evil.example.net" is not in the allowed_hosts setting');
  });

  it('applies allowed_hosts to redirect targets', async () => {
    const limited = actionWith({ allowedHosts: ['127.0.0.1'] });
    await expect(limited({ url: `${server.origin}/redirect` })).resolves.toMatchObject({ status: 200 });
    await expect(limited({ url: `${server.origin}/redirect-localhost` })).rejects.toMatchObject({
      code: 'host_not_allowed',
      message: expect.stringContaining('reached by a redirect'),
    });
  });

  it.each(['http://127.0.0.1:8/', 'http://localhost:8/', 'http://[::1]:8/', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:10.0.0.1]/', 'http://0x7f.1/', 'http://0.0.0.0:8/', 'http://[fe80::1]/', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/'])(
    'refuses %s when private networks are denied',
    async (url) => {
      const failure = actionWith({ denyPrivateNetworks: true })({ url });
      await expect(failure).rejects.toBeInstanceOf(InputError);
      await expect(failure).rejects.toMatchObject({ code: 'private_network_denied', details: { setting: 'deny_private_networks' } });
    },
  );
});

describe('http.request connects only to the addresses it checked', () => {
  const countingServer = () => {
    let count = 0;
    return { count: () => count, routes: { '/json': (_req: unknown, res: ServerResponse) => ((count += 1), res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')) } };
  };

  it('connects to the address its resolver answered, not to one the system resolver finds', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(actionWith({}, resolve)({ url: `http://service.test:${server.port}/json` })).resolves.toMatchObject({ status: 200, body: { ok: true } });
  });

  it('refuses a host name resolving to a private address, naming the host and the address', async () => {
    const resolve: Resolver = async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.8', family: 4 }];
    await expect(actionWith({ denyPrivateNetworks: true }, resolve)({ url: 'http://mixed.test/' })).rejects.toMatchObject({
      code: 'private_network_denied',
      details: { host: 'mixed.test', address: '10.0.0.8' },
    });
  });

  it('never reaches a private address through a name that answers public first and private on the second lookup (DNS rebinding)', async () => {
    const local = countingServer();
    const target = await startServer(local.routes);
    try {
      const answers = ['93.184.215.14', '127.0.0.1'];
      const asked: string[] = [];
      const resolve: Resolver = async (name) => {
        const address = answers[Math.min(asked.length, answers.length - 1)]!;
        asked.push(`${name} -> ${address}`);
        return [{ address, family: 4 }];
      };
      const guarded = actionWith({ denyPrivateNetworks: true }, resolve);
      // First lookup: public, so the connection goes to that public address (unreachable here), never to a fresh answer.
      await expect(guarded({ url: `http://rebind.test:${target.port}/json`, timeout_ms: 1_000 })).rejects.toMatchObject({ code: expect.stringMatching(/^http_(connection_failed|timeout)$/) });
      // Second lookup: private, refused before any connection.
      await expect(guarded({ url: `http://rebind.test:${target.port}/json`, timeout_ms: 1_000 })).rejects.toMatchObject({
        code: 'private_network_denied',
        details: { host: 'rebind.test', address: '127.0.0.1' },
      });
      expect(asked[0]).toBe('rebind.test -> 93.184.215.14');
      expect(asked).toContain('rebind.test -> 127.0.0.1');
      expect(local.count()).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('checks every redirect: a redirect to a private name or address is refused, naming the redirect', async () => {
    // 127.0.0.1 itself is allowed by name, so the first hop reaches the test server; where it redirects to is not.
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const guarded = actionWith({ denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] }, resolve);
    await expect(guarded({ url: `${server.origin}/json` })).resolves.toMatchObject({ status: 200 });
    for (const [path, host] of [['/redirect-localhost', 'localhost'], ['/redirect-metadata', '169.254.169.254'], ['/redirect-rebind', 'rebind.test']] as const) {
      const failure = guarded({ url: `${server.origin}${path}` });
      await expect(failure).rejects.toMatchObject({ code: 'private_network_denied', details: { host } });
      await expect(failure).rejects.toThrow('reached by a redirect');
    }
  });
});
