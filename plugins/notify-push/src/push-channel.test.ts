import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext, type ChannelPushSubscriptions, type PushSubscriptionTarget } from '@dwc/sdk';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushChannel } from './push-channel.js';
import { startWebPushService, type WebPushService } from './test-support/web-push-service.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const VAPID = webpush.generateVAPIDKeys();
const SUBJECT = 'mailto:ops@example.com';

describe('the push channel against a local Web Push service', () => {
  let service: WebPushService;
  let agent: Agent;
  const stored = new Map<string, PushSubscriptionTarget[]>();
  const removed: string[] = [];
  // The host's side (the outbox's subscription store), kept in memory here.
  const subscriptions: ChannelPushSubscriptions = {
    list: async (recipient) => stored.get(recipient) ?? [],
    remove: async (endpoint) => {
      removed.push(endpoint);
      for (const [user, list] of stored) stored.set(user, list.filter((s) => s.endpoint !== endpoint));
    },
  };
  const ctx: ChannelContext = { log, signal: new AbortController().signal, pushSubscriptions: subscriptions };
  const subscribe = (user: string, path: string) => stored.set(user, [...(stored.get(user) ?? []), service.subscribe(path)]);
  const message = (recipient: string) => channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly failed', priority: 'critical', data: { run: 7 } });

  beforeAll(async () => {
    service = await startWebPushService({ publicKey: VAPID.publicKey, subject: SUBJECT });
    agent = new Agent({ ca: service.cert });
  });
  afterAll(async () => {
    agent.destroy();
    await service.close();
  });

  const channel = (publicKey = VAPID.publicKey, privateKey = VAPID.privateKey) =>
    createPushChannel({ subject: SUBJECT, ttlSeconds: 3_600, timeoutMs: 2_000, vapid: { publicKey, privateKey, source: 'environment' } }, { agent }).channel;

  it('pushes to every browser of the user, signed with VAPID and encrypted so only that browser reads it', async () => {
    subscribe('ada', '/sub/laptop');
    subscribe('ada', '/sub/phone');
    await expect(channel().send(message('ada'), ctx)).resolves.toMatchObject({ status: 'queued', providerMessageId: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/messages\/\d$/), detail: '2 of 2 browsers accepted' });
    expect(service.delivered.map((d) => d.path).sort()).toEqual(['/sub/laptop', '/sub/phone']);
    for (const d of service.delivered) {
      expect(JSON.parse(d.text)).toEqual({ title: 'Run failed', body: 'Nightly failed', data: { notification_id: 'n1', priority: 'critical', run: 7 } });
      expect(d.headers).toMatchObject({ ttl: '3600', urgency: 'high' });
      expect(d.headers.topic).toMatch(/^[\w-]{32}$/);
    }
  });

  it('removes a subscription the push service calls gone (410 or 404), and still delivers to the others', async () => {
    subscribe('bob', '/sub/bob');
    subscribe('bob', '/gone/bob');
    await expect(channel().send(message('bob'), ctx)).resolves.toMatchObject({ status: 'queued', detail: expect.stringContaining('1 gone subscription removed') });
    expect(removed).toEqual([`${service.origin}/gone/bob`]);
    subscribe('cy', '/missing/cy');
    await expect(channel().send(message('cy'), ctx)).rejects.toMatchObject({ code: 'push_subscription_gone', retryable: false });
    expect(stored.get('cy')).toEqual([]);
  });

  it('makes 429 retryable with Retry-After and 503 retryable; a key the service does not know (403) final', async () => {
    subscribe('dee', '/busy/dee');
    await expect(channel().send(message('dee'), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 20_000, httpStatus: 429 });
    subscribe('eve', '/broken/eve');
    await expect(channel().send(message('eve'), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 503 });
    const other = webpush.generateVAPIDKeys();
    await expect(channel(other.publicKey, other.privateKey).send(message('ada'), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('VAPID_PUBLIC_KEY') });
  });

  it('refuses a user without subscriptions, and makes a refused connection retryable', async () => {
    await expect(channel().send(message('nobody'), ctx)).rejects.toMatchObject({ code: 'push_no_subscription', retryable: false });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    stored.set('fay', [{ endpoint: `https://127.0.0.1:${port}/sub/fay`, keys: stored.get('ada')![0]!.keys }]);
    await expect(channel().send(message('fay'), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });

  it('refuses an endpoint at a private address where private networks are denied, for good and saying why', async () => {
    stored.set('gil', [{ endpoint: 'https://169.254.169.254/latest/meta-data/', keys: stored.get('ada')![0]!.keys }]);
    const strict = createPushChannel({ subject: SUBJECT, ttlSeconds: 3_600, timeoutMs: 2_000, vapid: { ...VAPID, source: 'environment' } }, { network: { denyPrivateNetworks: true, allowedPrivateHosts: [] } });
    await expect(strict.channel.send(message('gil'), ctx)).rejects.toMatchObject({ code: 'private_network_denied', retryable: false, message: expect.stringContaining('DWC_ALLOWED_PRIVATE_HOSTS') });
    strict.close();
  });
});
