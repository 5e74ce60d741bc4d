import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWebhookSettings, webhookConfigSchema } from './common/config.js';
import { createWebhookChannel } from './webhook-channel.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };
/** A team server's policy, with the local test receivers allowed explicitly (as DWC_ALLOWED_PRIVATE_HOSTS does). */
const network = { denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] };
const settings = resolveWebhookSettings(webhookConfigSchema.parse({ timeout_ms: 2_000 }), { DWC_WEBHOOK_SIGNING_SECRET: SECRET });
const channel = createWebhookChannel(settings, network);
const message = (recipient: string) =>
  channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly failed', data: { run: 7 } });

describe('the webhook channel against a local receiver', () => {
  let server: Server;
  let origin: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ headers: req.headers, body });
        const path = req.url ?? '/';
        if (path === '/ok') {
          // The receiver checks the signature with the reference library, as a user's receiver would.
          try {
            new Webhook(SECRET).verify(body, req.headers as Record<string, string>);
            res.writeHead(204).end();
          } catch {
            res.writeHead(401).end('bad signature');
          }
        } else if (path === '/busy') res.writeHead(429, { 'retry-after': '7' }).end('slow down');
        else if (path === '/broken') res.writeHead(500).end('boom');
        else if (path === '/gone') res.writeHead(410).end('gone');
        else res.writeHead(401).end('who are you');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it('POSTs the message as JSON signed per the Standard Webhooks spec, with the idempotency key as webhook-id', async () => {
    await expect(channel.send(message(`${origin}/ok`), ctx)).resolves.toMatchObject({ status: 'delivered' });
    const last = received.at(-1)!;
    expect(last.headers['webhook-id']).toBe('key-1');
    expect(last.headers['content-type']).toBe('application/json');
    expect(JSON.parse(last.body)).toMatchObject({ type: 'notification.sent', data: { id: 'n1', subject: 'Run failed', message: 'Nightly failed', data: { run: 7 } } });
  });

  it('makes 429 retryable with its Retry-After, 500 retryable, and 401 or 410 final', async () => {
    await expect(channel.send(message(`${origin}/busy`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 7_000, httpStatus: 429 });
    await expect(channel.send(message(`${origin}/broken`), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
    await expect(channel.send(message(`${origin}/denied`), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, httpStatus: 401 });
    await expect(channel.send(message(`${origin}/gone`), ctx)).rejects.toMatchObject({ retryable: false, httpStatus: 410 });
  });

  it('makes a refused connection retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(channel.send(message(`http://127.0.0.1:${port}/x`), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });

  it('refuses to send unsigned, and refuses a secret that is not whsec_ base64', async () => {
    const unsigned = createWebhookChannel(resolveWebhookSettings(webhookConfigSchema.parse({}), {}), network);
    await expect(unsigned.send(message(`${origin}/ok`), ctx)).rejects.toMatchObject({ code: 'channel_not_configured', retryable: false });
    await expect(unsigned.testConnection!(ctx)).resolves.toMatchObject({ ok: false });
    expect(() => resolveWebhookSettings(webhookConfigSchema.parse({}), { DWC_WEBHOOK_SIGNING_SECRET: 'hunter2' })).toThrow(/DWC_WEBHOOK_SIGNING_SECRET/);
  });

  it('accepts only http and https recipients', () => {
    expect(channel.recipient.safeParse('https://example.com/hook').success).toBe(true);
    expect(channel.recipient.safeParse('file:///etc/passwd').success).toBe(false);
  });
});

describe('the webhook channel on a server that denies private networks', () => {
  const strict = { denyPrivateNetworks: true, allowedPrivateHosts: [] };
  const refusal = { code: 'private_network_denied', message: expect.stringContaining('DWC_ALLOWED_PRIVATE_HOSTS') };

  it.each(['http://127.0.0.1:8080/hook', 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/hook', 'http://[::ffff:192.168.1.1]/hook'])(
    'refuses %s before it is queued, saying which setting allows it',
    async (url) => {
      await expect(createWebhookChannel(settings, strict).checkRecipient!(url)).rejects.toMatchObject(refusal);
    },
  );

  it('refuses a host name when any of its addresses is private', async () => {
    const resolve = async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.1.2.3', family: 4 }];
    await expect(createWebhookChannel(settings, strict, { resolve }).checkRecipient!('https://hooks.example.com/x')).rejects.toMatchObject({
      code: 'private_network_denied', message: expect.stringContaining('resolves to 10.1.2.3'),
    });
  });

  it('passes a public host and a private host the operator allowed', async () => {
    const resolve = async () => [{ address: '93.184.215.14', family: 4 }];
    await expect(createWebhookChannel(settings, strict, { resolve }).checkRecipient!('https://hooks.example.com/x')).resolves.toBeUndefined();
    await expect(createWebhookChannel(settings, { ...strict, allowedPrivateHosts: ['10.0.0.7'] }).checkRecipient!('http://10.0.0.7/hook')).resolves.toBeUndefined();
  });

  it('fails the attempt for good, with the reason, when the name resolves to a private address at send time', async () => {
    // The name passed at enqueue; by the time of sending its DNS answer is a private address.
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const rebound = createWebhookChannel(settings, strict, { resolve });
    await expect(rebound.send(message('http://hooks.example.com/ok'), ctx)).rejects.toMatchObject({
      code: 'private_network_denied', retryable: false, message: expect.stringContaining('"hooks.example.com" resolves to 127.0.0.1'),
    });
  });
});
