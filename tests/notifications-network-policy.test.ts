import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';
import { until } from './support/until.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;

// A team server's policy (private networks denied), with the local receiver's address allowed
// explicitly by the operator's allow-list.
describe('notification targets on a server that denies private networks', () => {
  let t: AuthTestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let owner: Record<string, string>;
  const saved = process.env.DWC_WEBHOOK_SIGNING_SECRET;

  beforeAll(async () => {
    process.env.DWC_WEBHOOK_SIGNING_SECRET = SECRET;
    receiver = await startWebhookReceiver(SECRET);
    t = await startAuthTestApp('sqlite', { ...noRateLimitEnv, DWC_DENY_PRIVATE_NETWORKS: 'true', DWC_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' });
    owner = { authorization: `Bearer ${t.owner.token}` };
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    if (saved === undefined) delete process.env.DWC_WEBHOOK_SIGNING_SECRET;
    else process.env.DWC_WEBHOOK_SIGNING_SECRET = saved;
  });

  const send = (body: Record<string, unknown>) => request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send(body);

  it('delivers to a private host the operator allowed in DWC_ALLOWED_PRIVATE_HOSTS', async () => {
    const sent = await send({ channel: 'webhook', recipient: `${receiver.origin}/allowed`, message: 'Hello' });
    expect(sent.status).toBe(202);
    await until(() => request(t.app).get(`/api/v3/notifications/${sent.body.id}`).set(owner), (r) => r.body.status === 'delivered');
    expect(receiver.hits.map((hit) => hit.path)).toContain('/allowed');
  });

  it.each([
    ['webhook', 'http://169.254.169.254/latest/meta-data/'],
    ['webhook', 'http://10.0.0.7/hook'],
    ['slack', 'http://192.168.1.20/services/T/B/x'],
    ['teams', 'http://[::1]:8080/webhookb2/x'],
    ['discord', 'http://172.16.0.3/api/webhooks/1/x'],
  ])('refuses a %s send to %s with a 400 that says how to allow it, queuing nothing', async (channel, recipient) => {
    const sent = await send({ channel, recipient, message: 'Hello' });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'private_network_denied', message: expect.stringContaining('DWC_ALLOWED_PRIVATE_HOSTS'), details: { recipient: [expect.any(String)] } });
    const history = await request(t.app).get('/api/v3/notifications').query({ recipient }).set(owner);
    expect(history.body.items).toEqual([]);
  });

  it('refuses a host name that resolves to a loopback address unless that name is allowed', async () => {
    const sent = await send({ channel: 'webhook', recipient: `${receiver.origin.replace('127.0.0.1', 'localhost')}/by-name`, message: 'Hello' });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'private_network_denied', message: expect.stringMatching(/"localhost" resolves to (127\.0\.0\.1|::1)/) });
  });

  it('checks every recipient of a bulk send before queuing any', async () => {
    const bulk = await request(t.app).post('/api/v3/advanced/notifications/send/bulk').set(owner)
      .send({ channel: 'webhook', recipients: [`${receiver.origin}/ok`, 'http://10.9.9.9/x'], message: 'Hello' });
    expect(bulk.status).toBe(400);
    expect(bulk.body.error).toMatchObject({ code: 'private_network_denied', details: { 'recipients.1': [expect.any(String)] } });
  });
});
