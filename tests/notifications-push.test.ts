import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startWebPushService, type WebPushService } from '../plugins/notify-push/src/test-support/web-push-service.js';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Web Push through the whole server: keys generated into the data folder, subscriptions from the API, a gone one removed. */
describe.each(['sqlite', 'postgres'] as const)('push notifications over the API on %s', (dialect) => {
  let t: AuthTestApp;
  let service: WebPushService;
  let owner: Record<string, string>;
  let viewer: TestUser;
  const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    service = await startWebPushService();
    // The local push service's certificate is self-signed; real push services have public ones.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    // On Postgres (a team server) private networks are denied: the local push service is allowed explicitly.
    t = await startAuthTestApp(dialect, { ...noRateLimitEnv, DWC_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
    owner = { authorization: `Bearer ${t.owner.token}` };
    viewer = await t.createUser('viewer');
  });
  afterAll(async () => {
    await t.close();
    await service.close();
    if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
  });

  it('lists all eight channels with their plugins', async () => {
    const channels = await request(t.app).get('/api/v3/notifications/channels').set(owner);
    expect(channels.body.items.map((c: { type: string }) => c.type).sort()).toEqual(['discord', 'email', 'in_app', 'push', 'slack', 'sms', 'teams', 'webhook']);
    for (const type of ['slack', 'teams', 'discord', 'sms', 'push']) {
      expect(channels.body.items.find((c: { type: string }) => c.type === type)).toMatchObject({ plugin: `@dwc/plugin-notify-${type}`, idempotent: false });
    }
  });

  it('pushes to the browsers a user subscribed, and forgets the one the push service calls gone', async () => {
    const test = await request(t.app).post('/api/v3/notifications/channels/push/test').set(owner);
    expect(test.body).toMatchObject({ channel: 'push', ok: true });
    const publicKey = /applicationServerKey ([\w-]+)/.exec(test.body.detail)![1]!;
    service.setPublicKey(publicKey);

    const as = { authorization: `Bearer ${viewer.token}` };
    // What a browser subscribes with, readable by any signed-in user.
    expect((await request(t.app).get('/api/v3/notifications/push/public-key').set(as)).body).toEqual({ public_key: publicKey });
    for (const path of ['/sub/viewer-laptop', '/gone/viewer-old']) {
      expect((await request(t.app).post('/api/v3/notifications/push/subscriptions').set(as).send(service.subscribe(path))).status).toBe(201);
    }
    const sent = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'push', recipient: viewer.id, subject: 'Approve', message: 'Invoice 42 waits for you' });
    expect(sent.status).toBe(202);
    const done = await until(() => request(t.app).get(`/api/v3/notifications/${sent.body.id}`).set(owner), (r) => r.body.status === 'delivered' || r.body.status === 'failed');
    expect(done.body).toMatchObject({ status: 'delivered', provider_message_id: expect.stringContaining(`${service.origin}/messages/`) });
    expect(done.body.delivery_attempts).toEqual([expect.objectContaining({ status: 'accepted', error: null })]);
    expect(service.delivered.map((d) => [d.path, JSON.parse(d.text).title, JSON.parse(d.text).body])).toEqual([['/sub/viewer-laptop', 'Approve', 'Invoice 42 waits for you']]);
    const left = await request(t.app).get('/api/v3/notifications/push/subscriptions').set(as);
    expect(left.body.items.map((s: { endpoint: string }) => s.endpoint)).toEqual([`${service.origin}/sub/viewer-laptop`]);
  });
});
