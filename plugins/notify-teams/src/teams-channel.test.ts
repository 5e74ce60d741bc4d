import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsConfigSchema } from './common/config.js';
import { createTeamsChannel } from './teams-channel.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };
/** A team server's policy, with the local test receivers allowed explicitly (as DWC_ALLOWED_PRIVATE_HOSTS does). */
const network = { denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] };
const channel = createTeamsChannel(teamsConfigSchema.parse({ timeout_ms: 2_000 }), network);
const message = (recipient: string, priority = 'normal') =>
  channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly failed at step 3', priority });

/** Checks a body the way Teams does: a message with one Adaptive Card attachment of a version it renders. */
function isTeamsCard(body: unknown): boolean {
  const b = body as { type?: string; attachments?: { contentType?: string; content?: { type?: string; version?: string; body?: { type: string; text: string }[] } }[] };
  const card = b.attachments?.[0];
  return b.type === 'message' && b.attachments?.length === 1 && card?.contentType === 'application/vnd.microsoft.card.adaptive'
    && card.content?.type === 'AdaptiveCard' && card.content.version === '1.4' && Array.isArray(card.content.body) && card.content.body.every((block) => block.type === 'TextBlock');
}

describe('the teams channel against a local Teams webhook', () => {
  let server: Server;
  let origin: string;
  const received: unknown[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return res.writeHead(400).end('Bad payload');
        }
        received.push(body);
        if (req.headers['content-type'] !== 'application/json' || !isTeamsCard(body)) return res.writeHead(400).end('Invalid card');
        const path = req.url ?? '/';
        if (path === '/workflows/ok') return res.writeHead(202, { 'x-ms-workflow-run-id': 'run-42' }).end();
        if (path === '/webhookb2/legacy') return res.writeHead(200).end('1');
        if (path === '/webhookb2/throttled') return res.writeHead(200).end('Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0');
        if (path === '/workflows/busy') return res.writeHead(429, { 'retry-after': '4' }).end('{"error":{"code":"TooManyRequests"}}');
        if (path === '/workflows/broken') return res.writeHead(502).end('Bad gateway');
        return res.writeHead(401).end('{"error":{"code":"DirectApiAuthorizationRequired"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it('POSTs an Adaptive Card 1.4 in a message attachment; a workflow webhook answers 202 (queued)', async () => {
    await expect(channel.send(message(`${origin}/workflows/ok`, 'critical'), ctx)).resolves.toMatchObject({ status: 'queued', providerMessageId: 'run-42' });
    const card = (received.at(-1) as { attachments: { content: { body: { text: string }[] } }[] }).attachments[0]!.content;
    expect(card.body.map((block) => block.text)).toEqual(['CRITICAL', 'Run failed', 'Nightly failed at step 3']);
    await expect(channel.send(message(`${origin}/webhookb2/legacy`), ctx)).resolves.toMatchObject({ status: 'delivered' });
  });

  it('makes 429 retryable with its Retry-After (also the old connectors\' 200 "HTTP error 429"), 5xx retryable, 401 final', async () => {
    await expect(channel.send(message(`${origin}/workflows/busy`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 4_000, httpStatus: 429 });
    await expect(channel.send(message(`${origin}/webhookb2/throttled`), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true });
    await expect(channel.send(message(`${origin}/workflows/broken`), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 502 });
    await expect(channel.send(message(`${origin}/workflows/denied`), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, httpStatus: 401 });
  });

  it('makes a refused connection retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(channel.send(message(`http://127.0.0.1:${port}/x`), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });

  it('accepts only http and https recipients', () => {
    expect(channel.recipient.safeParse('https://acme.webhook.office.com/webhookb2/x').success).toBe(true);
    expect(channel.recipient.safeParse('#general').success).toBe(false);
  });
});

it('refuses a private recipient on a server that denies private networks, unless the operator allowed its host', async () => {
  const strict = createTeamsChannel(teamsConfigSchema.parse({}), { denyPrivateNetworks: true, allowedPrivateHosts: [] });
  await expect(strict.checkRecipient!('http://192.168.0.10/webhookb2/x')).rejects.toMatchObject({ code: 'private_network_denied' });
  await expect(strict.send(message('http://127.0.0.1:1/x'), ctx)).rejects.toMatchObject({ code: 'private_network_denied', retryable: false });
  await expect(channel.checkRecipient!('http://127.0.0.1:1/x')).resolves.toBeUndefined();
});
