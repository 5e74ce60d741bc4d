import { startHttpServer, type RunningHttpServer } from '@dwc/api';
import { composeApiDeps } from '@dwc/server';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../core/api/src/test-support/ws-test-client.js';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { until } from './support/until.js';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';
import { startSmtpSink } from './support/smtp-sink.js';


describe('notifications over the API', () => {
  let t: AuthTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let owner: Record<string, string>;
  let viewer: TestUser;
  const saved = { SMTP_URL: process.env.SMTP_URL, DWC_MAIL_FROM: process.env.DWC_MAIL_FROM };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // The email plugin reads these as declared secrets (vault first, then the environment).
    process.env.SMTP_URL = smtp.url;
    process.env.DWC_MAIL_FROM = 'Workflows <dwc@example.com>';
    t = await startAuthTestApp('sqlite', noRateLimitEnv);
    owner = { authorization: `Bearer ${t.owner.token}` };
    viewer = await t.createUser('viewer');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const getNotification = (id: string) => request(t.app).get(`/api/v3/notifications/${id}`).set(owner);

  it("delivers the seed's e-mail call to the SMTP server and records the attempt", async () => {
    const sent = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'email', recipient: 'user@example.com', subject: 'Test', message: 'Hello' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ id: expect.any(String), status: 'queued' });
    const done = await until(() => getNotification(sent.body.id), (r) => r.body.status === 'delivered');
    expect(done.body).toMatchObject({ channel: 'email', recipient: 'user@example.com', subject: 'Test', message: 'Hello', attempts: 1, created_by: `user:${t.owner.id}` });
    expect(done.body.delivery_attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'accepted', provider_message_id: expect.any(String), error: null })]);
    const mail = await simpleParser(smtp.mails.at(-1)!.raw);
    expect(smtp.mails.at(-1)).toMatchObject({ from: 'dwc@example.com', to: ['user@example.com'] });
    expect(mail.subject).toBe('Test');
    expect(mail.text?.trim()).toBe('Hello');
    expect(mail.messageId).toBe(done.body.provider_message_id);
  });

  it('answers a repeated idempotency key with the first notification, and refuses bad input with 400', async () => {
    const body = { channel: 'email', recipient: 'user@example.com', message: 'Once', idempotency_key: 'seed-once' };
    const first = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send(body);
    const again = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send(body);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ id: first.body.id, status: expect.any(String), created: false });
    const reused = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ ...body, message: 'Another text' });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringContaining('use a new key') });
    const bad = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'email', recipient: 'not an address', message: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_recipient', details: { recipient: [expect.any(String)] } });
    const unknown = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'pigeon', recipient: 'x', message: 'x' });
    expect(unknown.body.error.code).toBe('channel_not_installed');
    const empty = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'email', recipient: 'user@example.com' });
    expect(empty.status).toBe(400);
    const sms = (recipient: string, message: string) => request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'sms', recipient, message });
    const longSms = await sms('+14155550123', 'a'.repeat(153 * 10 + 1));
    expect(longSms.status).toBe(400);
    expect(longSms.body.error).toMatchObject({ code: 'sms_too_long', message: expect.stringContaining('SMS segments'), details: { message: [expect.any(String)] } });
    const notE164 = await sms('0034 600 000 000', 'hi');
    expect(notE164.status).toBe(400);
    expect(notE164.body.error).toMatchObject({ code: 'invalid_recipient', message: expect.stringContaining('E.164') });
    const history = await request(t.app).get('/api/v3/notifications').query({ channel: 'sms' }).set(owner);
    expect(history.body.items).toHaveLength(0);
  });

  it('stores versioned templates, refuses an undeclared variable at save time, and renders at send time', async () => {
    const badSave = await request(t.app).post('/api/v3/notifications/templates').set(owner)
      .send({ name: 'run_failed', channel: 'email', subject: 'Run {{ run.name }} failed', body: 'See {{ run.url }} ({{ reason }})', variables: ['run'] });
    expect(badSave.status).toBe(400);
    expect(badSave.body.error).toMatchObject({ code: 'template_variable_missing', details: { body: ['uses "reason", which is not in "variables"'] } });
    const created = await request(t.app).post('/api/v3/notifications/templates').set(owner)
      .send({ name: 'run_failed', channel: 'email', subject: 'Run {{ run.name }} failed', body: 'See {{ run.url }}', html: '<a href="{{ run.url }}">{{ run.name }}</a>', variables: ['run'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, name: 'run_failed' });
    const updated = await request(t.app).put(`/api/v3/notifications/templates/${created.body.id}`).set(owner)
      .send({ name: 'run_failed', channel: 'email', subject: 'Run {{ run.name }} failed!', body: 'See {{ run.url }}', html: '<a href="{{ run.url }}">{{ run.name }}</a>', variables: ['run'] });
    expect(updated.body.version).toBe(2);
    expect((await request(t.app).get(`/api/v3/notifications/templates/${created.body.id}/versions`).set(owner)).body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const missing = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'email', recipient: 'ops@example.com', template: 'run_failed', data: { other: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'template_variable_missing', details: { variable: 'run' } });
    const sent = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner)
      .send({ channel: 'email', recipient: 'ops@example.com', template: 'run_failed', data: { run: { name: 'Nightly <3>', url: 'https://x.test/r/1' } }, priority: 'critical' });
    expect(sent.status).toBe(202);
    const done = await until(() => getNotification(sent.body.id), (r) => r.body.status === 'delivered');
    expect(done.body).toMatchObject({ subject: 'Run Nightly <3> failed!', template_version: 2, priority: 'critical' });
    const mail = await simpleParser(smtp.mails.find((m) => m.to.includes('ops@example.com'))!.raw);
    expect(mail.html).toContain('<a href="https://x.test/r/1">Nightly &lt;3&gt;</a>');
    const preview = await request(t.app).post('/api/v3/notifications/templates/preview').set(owner).send({ body: 'Hi {{ who }}', data: { who: 'Ann' } });
    expect(preview.body).toEqual({ subject: null, body: 'Hi Ann', html: null });
  });

  it('lists history by channel, status and recipient, in cursor pages', async () => {
    const page = await request(t.app).get('/api/v3/notifications?channel=email&recipient=user%40example.com&limit=1').set(owner);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.next_before).toBe(page.body.items[0].id);
    const next = await request(t.app).get(`/api/v3/notifications?channel=email&recipient=user%40example.com&limit=1&before=${page.body.next_before}`).set(owner);
    expect(next.body.items[0].id < page.body.items[0].id).toBe(true);
    const delivered = await request(t.app).get('/api/v3/notifications?status=delivered').set(owner);
    expect(delivered.body.items.every((n: { status: string }) => n.status === 'delivered')).toBe(true);
  });

  it('delivers in_app messages to the user\'s inbox and WebSocket room, with an unread count', async () => {
    const server: RunningHttpServer = await startHttpServer({ deps: composeApiDeps(t.runtime), port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1_000 });
    try {
      const client = await connectClient(`${server.url.replace('http', 'ws')}/api/v3/ws/ws?token=${viewer.token}`);
      expect(await client.next()).toMatchObject({ type: 'connection.ready', user_id: viewer.id });
      const sent = await request(t.app).post('/api/v3/advanced/notifications/send').set(owner).send({ channel: 'in_app', recipient: viewer.email, subject: 'Approve?', message: 'Run 7 waits for you' });
      expect(sent.status).toBe(202);
      const event = await client.next(5_000);
      expect(event).toMatchObject({ type: 'notification.created', user_id: viewer.id, notification_id: sent.body.id, subject: 'Approve?', message: 'Run 7 waits for you' });
      client.ws.close();

      const inbox = await request(t.app).get('/api/v3/notifications/inbox').set({ authorization: `Bearer ${viewer.token}` });
      expect(inbox.status).toBe(200);
      expect(inbox.body).toMatchObject({ unread_count: 1, items: [{ id: event.message_id, subject: 'Approve?', read_at: null }] });
      const read = await request(t.app).post(`/api/v3/notifications/inbox/${event.message_id}/read`).set({ authorization: `Bearer ${viewer.token}` });
      expect(read.body).toMatchObject({ id: event.message_id, read_at: expect.any(String), unread_count: 0 });
      // Another user cannot read (or learn of) it.
      expect((await request(t.app).post(`/api/v3/notifications/inbox/${event.message_id}/read`).set(owner)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('stores push subscriptions per user and checks roles like the other routes', async () => {
    const as = { authorization: `Bearer ${viewer.token}` };
    const subscription = { endpoint: 'https://push.example.com/send/abc', keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' } };
    const saved = await request(t.app).post('/api/v3/notifications/push/subscriptions').set(as).send(subscription);
    expect(saved.status).toBe(201);
    expect((await request(t.app).get('/api/v3/notifications/push/subscriptions').set(as)).body.items).toEqual([expect.objectContaining({ id: saved.body.id, endpoint: subscription.endpoint })]);
    expect((await request(t.app).post('/api/v3/advanced/notifications/send').set(as).send({ channel: 'in_app', recipient: viewer.id, message: 'x' })).status).toBe(403);
    expect((await request(t.app).post('/api/v3/notifications/channels/email/test').set(as)).status).toBe(403);
    expect((await request(t.app).get('/api/v3/notifications').set(as)).status).toBe(200);
  });

  it('lists the installed channels and tests one without sending', async () => {
    const channels = await request(t.app).get('/api/v3/notifications/channels').set(owner);
    expect(channels.body.items.map((c: { type: string }) => c.type)).toEqual(expect.arrayContaining(['email', 'webhook', 'in_app']));
    expect(channels.body.items.find((c: { type: string }) => c.type === 'email')).toMatchObject({ plugin: '@dwc/plugin-notify-email', idempotent: false, testable: true });
    const before = smtp.mails.length;
    const test = await request(t.app).post('/api/v3/notifications/channels/email/test').set(owner);
    expect(test.body).toMatchObject({ channel: 'email', ok: true });
    expect(smtp.mails.length).toBe(before);
    const webhook = await request(t.app).post('/api/v3/notifications/channels/webhook/test').set(owner);
    expect(webhook.body).toMatchObject({ ok: false, detail: expect.stringContaining('DWC_WEBHOOK_SIGNING_SECRET') });
  });

  it('queues through the notify.send action without sending twice when the step is retried', async () => {
    const workflow = await request(t.app).post('/api/v3/workflows').set(owner).send({
      name: 'Tell ops',
      steps: [{ id: 'tell', type: 'notify.send', input: { channel: 'email', recipient: 'ops@example.com', subject: 'Done', message: 'Run {{ input.n }} done' } }],
    });
    expect(workflow.status).toBe(201);
    const run = await request(t.app).post(`/api/v3/workflows/${workflow.body.id}/execute?wait=true`).set(owner).send({ n: 5 });
    expect(run.body).toMatchObject({ status: 'succeeded', steps: [{ id: 'tell', status: 'succeeded', output: { status: 'queued', created: true } }] });
    const id = run.body.steps[0].output.notification_id as string;
    expect((await until(() => getNotification(id), (r) => r.body.status === 'delivered')).body).toMatchObject({ message: 'Run 5 done', created_by: `execution:${run.body.id}` });
    // The same execution and step asking again (a retried step) gets the same notification.
    const again = await t.runtime.registries.actions.get('notify.send')!.run(
      { channel: 'email', recipient: 'ops@example.com', subject: 'Done', message: 'Run 5 done', data: {}, priority: 'normal' },
      { executionId: run.body.id, workflowId: workflow.body.id, stepId: 'tell', attempt: 2, signal: new AbortController().signal, log: console as never, emitDocument: () => undefined },
    );
    expect(again).toMatchObject({ notification_id: id, created: false });
  });
});
