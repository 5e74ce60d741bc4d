// The automations' `send_notification` action end to end: an automation triggered with the seed's
// body sends the seed's `content_generated` e-mail template to a real SMTP server, and an in-app
// message to its creator's inbox.
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { until } from './support/until.js';

interface RunAction {
  type: string;
  status: string;
  output: { notification_id?: string; created?: boolean } | null;
}

describe("an automation's send_notification action", () => {
  let t: AuthTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const saved = { SMTP_URL: process.env.SMTP_URL, DWC_MAIL_FROM: process.env.DWC_MAIL_FROM };
  const owner = () => ({ authorization: `Bearer ${t.owner.token}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    process.env.DWC_MAIL_FROM = 'Workflows <dwc@example.com>';
    t = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_PER_USER: '0', DWC_RATE_LIMIT_PER_IP: '0' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("mails the seed's template through SMTP and drops an in-app message in the creator's inbox", async () => {
    const template = await request(t.app).post('/api/v3/notifications/templates').set(owner()).send({
      name: 'content_generated', channel: 'email', subject: 'Content for {{ topic }} is ready', body: 'Your {{ priority }}-priority request for {{ topic }} is done.',
      sample_data: { topic: 'x', priority: 'high' },
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    const created = await request(t.app).post('/api/v3/automations').set(owner()).send({
      name: 'Tell people',
      trigger: { type: 'event_based', conditions: { event_type: 'content_request', priority: 'high' } },
      actions: [
        { type: 'send_notification', parameters: { channel: 'email', template: 'content_generated', recipient: 'editor@example.com' } },
        { type: 'send_notification', parameters: { channel: 'in_app', subject: 'Automation ran', message: 'Content for {topic} is ready.' } },
      ],
      ai_decision_making: false,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    const triggered = await request(t.app).post(`/api/v3/automations/${id}/trigger`).set(owner()).send({
      trigger_data: { event_type: 'content_request', priority: 'high', topic: 'AI Automation' }, context: { user_id: '123', request_id: 'req_456' },
    });
    expect(triggered.status, JSON.stringify(triggered.body)).toBe(200);
    const runId = triggered.body.id as string;
    const run = await until(
      async () => ((await request(t.app).get(`/api/v3/automations/${id}/runs`).set(owner())).body.items as { id: string; status: string; actions: RunAction[] }[]).find((r) => r.id === runId)!,
      (r) => r !== undefined && ['succeeded', 'failed'].includes(r.status),
      15_000,
    );
    expect(run.status).toBe('succeeded');
    expect(run.actions.map((a) => [a.type, a.status, a.output?.created])).toEqual([['send_notification', 'succeeded', true], ['send_notification', 'succeeded', true]]);

    const mailed = await until(async () => (await request(t.app).get(`/api/v3/notifications/${run.actions[0]!.output!.notification_id!}`).set(owner())).body, (n) => n.status === 'delivered');
    expect(mailed).toMatchObject({ channel: 'email', recipient: 'editor@example.com', template_version: 1, created_by: expect.stringMatching(/^execution:/) });
    const raw = smtp.mails.find((m) => m.to.includes('editor@example.com'))!;
    const mail = await simpleParser(raw.raw);
    expect(mail.subject).toBe('Content for AI Automation is ready');
    expect(mail.text?.trim()).toBe('Your high-priority request for AI Automation is done.');

    const inbox = await until(async () => (await request(t.app).get('/api/v3/notifications/inbox').set(owner())).body.items as { subject: string; message: string }[], (items) => items.length > 0);
    expect(inbox).toContainEqual(expect.objectContaining({ subject: 'Automation ran', message: 'Content for AI Automation is ready.' }));
  });
});
