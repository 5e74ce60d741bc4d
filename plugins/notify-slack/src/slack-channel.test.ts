import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSlackSettings, slackConfigSchema } from './common/config.js';
import { createSlackChannel } from './slack-channel.js';

const TOKEN = 'xoxb-test-token';
const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };
/** A team server's policy, with the local test receivers allowed explicitly (as DWC_ALLOWED_PRIVATE_HOSTS does). */
const network = { denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] };
const message = (recipient: string) => channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly *failed*' });

/** A local Slack: incoming webhooks under /services/…, the Web API under /api/… (form-encoded, Bearer token, `ok` in the body). */
describe('the slack channel against a local Slack', () => {
  let server: Server;
  let origin: string;
  const received: { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        if (path.startsWith('/services/')) {
          if (req.headers['content-type'] !== 'application/json') return res.writeHead(400).end('invalid_payload');
          const body = JSON.parse(raw) as Record<string, unknown>;
          received.push({ path, headers: req.headers, body });
          if (typeof body.text !== 'string' || !Array.isArray(body.blocks)) return res.writeHead(400).end('invalid_payload');
          if (path === '/services/ok') return res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
          if (path === '/services/busy') return res.writeHead(429, { 'retry-after': '30' }).end('rate_limited');
          if (path === '/services/broken') return res.writeHead(500).end('internal_error');
          return res.writeHead(403).end('invalid_token');
        }
        // The Web API: form-encoded arguments, the token in the Authorization header.
        const form = Object.fromEntries(new URLSearchParams(raw));
        received.push({ path, headers: req.headers, body: form });
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(200, { ok: false, error: 'invalid_auth' });
        if (path === '/api/auth.test') return json(200, { ok: true, user: 'dwc-bot', team: 'Acme' });
        if (path !== '/api/chat.postMessage') return json(404, { ok: false, error: 'unknown_method' });
        if (form.channel === '#busy') return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '12' });
        if (form.channel === '#broken') return json(500, { ok: false, error: 'internal_error' });
        if (form.channel !== '#general') return json(200, { ok: false, error: 'channel_not_found' });
        if (typeof form.text !== 'string' || !Array.isArray(JSON.parse(form.blocks ?? 'null'))) return json(200, { ok: false, error: 'invalid_arguments' });
        return json(200, { ok: true, channel: 'C0123', ts: '1712345678.000100', message: { text: form.text } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  const channel = (token?: string) =>
    createSlackChannel(resolveSlackSettings(slackConfigSchema.parse({ api_url: `${origin}/api/`, timeout_ms: 2_000 }), token === undefined ? {} : { SLACK_BOT_TOKEN: token }), network);

  it('posts {text, blocks} to an incoming webhook', async () => {
    await expect(channel().send(message(`${origin}/services/ok`), ctx)).resolves.toMatchObject({ status: 'delivered' });
    const { body } = received.at(-1)!;
    expect(body.text).toBe('Run failed\nNightly *failed*');
    expect(body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Run failed', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Nightly *failed*' } },
    ]);
  });

  it('makes a webhook 429 retryable with its Retry-After, 500 retryable, 403 final', async () => {
    await expect(channel().send(message(`${origin}/services/busy`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 30_000, httpStatus: 429 });
    await expect(channel().send(message(`${origin}/services/broken`), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
    await expect(channel().send(message(`${origin}/services/revoked`), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, httpStatus: 403 });
  });

  it('sends to a channel name with chat.postMessage through @slack/web-api, the ts as provider id', async () => {
    await expect(channel(TOKEN).send(message('#general'), ctx)).resolves.toMatchObject({ status: 'delivered', providerMessageId: '1712345678.000100' });
    const last = received.at(-1)!;
    expect(last.path).toBe('/api/chat.postMessage');
    expect(last.body).toMatchObject({ channel: '#general', text: 'Run failed\nNightly *failed*' });
  });

  it('maps the Web API errors: 429 with Retry-After, invalid_auth naming SLACK_BOT_TOKEN, channel_not_found final, 500 retryable', async () => {
    await expect(channel(TOKEN).send(message('#busy'), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 12_000 });
    await expect(channel('xoxb-wrong').send(message('#general'), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('SLACK_BOT_TOKEN') });
    await expect(channel(TOKEN).send(message('#random'), ctx)).rejects.toMatchObject({ code: 'slack_api_error', retryable: false, message: expect.stringContaining('channel_not_found') });
    await expect(channel(TOKEN).send(message('#broken'), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
  });

  it('refuses a channel name without SLACK_BOT_TOKEN', async () => {
    await expect(channel().send(message('#general'), ctx)).rejects.toMatchObject({ code: 'channel_not_configured', retryable: false });
  });

  it('tests the token with auth.test', async () => {
    await expect(channel(TOKEN).testConnection!(ctx)).resolves.toMatchObject({ ok: true, detail: expect.stringContaining('dwc-bot') });
    await expect(channel('xoxb-wrong').testConnection!(ctx)).resolves.toMatchObject({ ok: false, detail: expect.stringContaining('SLACK_BOT_TOKEN') });
  });

  it('makes a refused connection retryable, for webhooks and the Web API', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(channel().send(message(`http://127.0.0.1:${port}/services/x`), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
    const api = createSlackChannel(resolveSlackSettings(slackConfigSchema.parse({ api_url: `http://127.0.0.1:${port}/api/` }), { SLACK_BOT_TOKEN: TOKEN }), network);
    await expect(api.send(message('#general'), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });

  it('refuses a private webhook URL and a private SLACK_API_URL on a server that denies private networks', async () => {
    const strict = createSlackChannel(resolveSlackSettings(slackConfigSchema.parse({ api_url: `${origin}/api/` }), { SLACK_BOT_TOKEN: TOKEN }), { denyPrivateNetworks: true, allowedPrivateHosts: [] });
    await expect(strict.checkRecipient!('http://10.0.0.9/services/T/B/x')).rejects.toMatchObject({ code: 'private_network_denied' });
    await expect(strict.checkRecipient!('#general')).resolves.toBeUndefined();
    await expect(strict.send(message('#general'), ctx)).rejects.toMatchObject({ code: 'private_network_denied', retryable: false });
  });

  it('accepts webhook URLs and channel names, and config wins over SLACK_API_URL', () => {
    const c = channel();
    expect(c.recipient.safeParse('https://hooks.slack.com/services/T/B/X').success).toBe(true);
    expect(c.recipient.safeParse('#general').success).toBe(true);
    expect(c.recipient.safeParse('not a channel!').success).toBe(false);
    expect(resolveSlackSettings(slackConfigSchema.parse({ api_url: 'http://a.test/api' }), { SLACK_API_URL: 'http://b.test/api/' }).apiUrl).toBe('http://a.test/api/');
    expect(resolveSlackSettings(slackConfigSchema.parse({}), { SLACK_API_URL: 'http://b.test/api/' }).apiUrl).toBe('http://b.test/api/');
  });
});
