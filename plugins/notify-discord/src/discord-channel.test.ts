import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordConfigSchema } from './common/config.js';
import { createDiscordChannel } from './discord-channel.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };
/** A team server's policy, with the local test receivers allowed explicitly (as DWC_ALLOWED_PRIVATE_HOSTS does). */
const network = { denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] };
const channel = createDiscordChannel(discordConfigSchema.parse({ timeout_ms: 2_000, username: 'dwc' }), network);
const message = (recipient: string) => channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly failed @everyone' });

/** A local Discord: POST /api/webhooks/{id}/{token}, checked as Discord does, with its error bodies and rate-limit headers. */
describe('the discord channel against a local Discord', () => {
  let server: Server;
  let origin: string;
  const received: { url: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        const url = new URL(req.url ?? '/', 'http://x');
        const match = /^\/api\/webhooks\/(\d+)\/([\w-]+)$/.exec(url.pathname);
        if (req.method !== 'POST' || !match) return json(404, { message: 'Unknown Webhook', code: 10015 });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content?: string; embeds?: { title?: string; description?: string }[] };
        received.push({ url: req.url ?? '', body });
        const embed = body.embeds?.[0];
        if (!embed || typeof embed.title !== 'string' || typeof embed.description !== 'string' || embed.title.length > 256) return json(400, { message: 'Invalid Form Body', code: 50035 });
        const [, id, token] = match;
        if (token === 'busy') return json(429, { message: 'You are being rate limited.', retry_after: 1.25, global: false }, { 'retry-after': '2', 'x-ratelimit-reset-after': '1.250', 'x-ratelimit-scope': 'shared' });
        if (token === 'headers-only') return res.writeHead(429, { 'retry-after': '3' }).end('<html>slow down</html>');
        if (token === 'broken') return json(500, { message: '500: Internal Server Error', code: 0 });
        if (token !== 'good-token') return json(401, { message: 'Invalid Webhook Token', code: 50027 });
        if (id === '404') return json(404, { message: 'Unknown Webhook', code: 10015 });
        return url.searchParams.get('wait') === 'true' ? json(200, { id: '1180000000000000001', webhook_id: id, embeds: body.embeds }) : res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it('posts one embed and waits for the message, whose id is the provider id; mentions do not ping', async () => {
    await expect(channel.send(message(`${origin}/api/webhooks/123/good-token`), ctx)).resolves.toMatchObject({ status: 'delivered', providerMessageId: '1180000000000000001' });
    const { body, url } = received.at(-1)!;
    expect(url).toBe('/api/webhooks/123/good-token?wait=true');
    expect(body).toMatchObject({ username: 'dwc', embeds: [{ title: 'Run failed', description: 'Nightly failed @everyone' }], allowed_mentions: { parse: [] } });
  });

  it("honours a 429's JSON retry_after, else its headers", async () => {
    await expect(channel.send(message(`${origin}/api/webhooks/123/busy`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 1_250, httpStatus: 429 });
    await expect(channel.send(message(`${origin}/api/webhooks/123/headers-only`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 3_000 });
  });

  it('makes 500 retryable, a bad token (401) and a deleted webhook (404) final', async () => {
    await expect(channel.send(message(`${origin}/api/webhooks/123/broken`), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
    await expect(channel.send(message(`${origin}/api/webhooks/123/old-token`), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('Invalid Webhook Token') });
    await expect(channel.send(message(`${origin}/api/webhooks/404/good-token`), ctx)).rejects.toMatchObject({ code: 'channel_recipient_gone', retryable: false, httpStatus: 404 });
  });

  it('makes a refused connection retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(channel.send(message(`http://127.0.0.1:${port}/api/webhooks/1/x`), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });
});

it('refuses a private recipient on a server that denies private networks, unless the operator allowed its host', async () => {
  const strict = createDiscordChannel(discordConfigSchema.parse({}), { denyPrivateNetworks: true, allowedPrivateHosts: [] });
  await expect(strict.checkRecipient!('http://169.254.169.254/api/webhooks/1/x')).rejects.toMatchObject({ code: 'private_network_denied' });
  await expect(strict.send(message('http://127.0.0.1:1/x'), ctx)).rejects.toMatchObject({ code: 'private_network_denied', retryable: false });
  await expect(channel.checkRecipient!('http://127.0.0.1:1/x')).resolves.toBeUndefined();
});
