import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';
import { until } from './support/until.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('scheduled analytics reports', () => {
  let t: AuthTestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let auth: { authorization: string };
  const post = (path: string, body: unknown = {}) => request(t.app).post(path).set(auth).send(body as object);
  const get = (path: string) => request(t.app).get(path).set(auth);

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET);
    // Plugins read their secrets from the process environment.
    process.env.DWC_WEBHOOK_SIGNING_SECRET = SECRET;
    t = await startAuthTestApp('sqlite', { DWC_SCHEDULER_POLL_MS: '200' });
    auth = { authorization: `Bearer ${t.owner.token}` };
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    delete process.env.DWC_WEBHOOK_SIGNING_SECRET;
  });

  it('a report schedule stores the summary and insights as a Markdown document and sends it by webhook and to the inbox', async () => {
    const workflow = await post('/api/v3/workflows', { name: 'Daily digest', steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }] });
    for (let i = 0; i < 3; i++) expect((await post(`/api/v3/workflows/${workflow.body.id}/execute?wait=true`, { n: i })).body.status).toBe('succeeded');

    const target = `${receiver.origin}/reports`;
    const schedules = [
      { channel: 'webhook', recipients: [target] },
      { channel: 'in_app', recipients: [t.owner.id] },
    ];
    const ids: string[] = [];
    for (const [index, payload] of schedules.entries()) {
      const created = await post('/api/v3/scheduler/schedules/interval', {
        name: `report ${index}`, interval_seconds: 1, payload: { task_type: 'analytics_report', payload: { time_range: 'day', ...payload } },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
    }
    onTestFinished(async () => {
      for (const id of ids) await request(t.app).delete(`/api/v3/scheduler/schedules/${id}`).set(auth);
    });

    const hit = await until(async () => receiver.hits.find((h) => h.path === '/reports'), (h) => h !== undefined, 15_000);
    const delivered = (hit!.body as { data: { subject: string; message: string; data: { document_id: string } } }).data;
    expect(delivered.subject).toMatch(/^dwc daily report, \d{4}-\d{2}-\d{2}$/);
    expect(delivered.message).toContain('| Executions | 3 |');
    expect(delivered.message).toContain('| Daily digest | 3 |');

    const document = await until(() => get(`/api/v3/documents/${delivered.data.document_id}`), (r) => r.status === 200);
    expect(document.body).toMatchObject({ title: delivered.subject, format: 'markdown', metadata: { kind: 'analytics_report', time_range: 'day' } });
    expect(document.body.content).toContain('## Insights');
    const listed = await get('/api/v3/documents?limit=50');
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(delivered.data.document_id);

    const inbox = await until(async () => (await get('/api/v3/notifications/inbox')).body.items as { subject: string | null; message: string }[], (items) => items.some((m) => m.subject?.startsWith('dwc daily report')), 15_000);
    expect(inbox.find((m) => m.subject?.startsWith('dwc daily report'))!.message).toContain('## Busiest workflows');
  });

  it('a report for a channel that is not installed fails its task and stores no document', async () => {
    const before = (await get('/api/v3/documents?limit=100')).body.items.length as number;
    const submitted = await post('/api/v3/background/tasks/submit', { name: 'report', task_type: 'analytics_report', payload: { time_range: 'hour', channel: 'carrier_pigeon', recipients: ['x'] } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const ended = await until(() => get(`/api/v3/background/tasks/${submitted.body.id}`), (r) => r.body.status === 'failed');
    expect(ended.body.error).toMatchObject({ code: 'channel_not_installed', message: expect.stringContaining('carrier_pigeon') });
    expect((await get('/api/v3/documents?limit=100')).body.items.length).toBe(before);
  });

  it('refuses a report schedule whose payload lacks recipients, naming the field', async () => {
    const refused = await post('/api/v3/scheduler/schedules/daily', { name: 'bad report', time: '07:00', payload: { task_type: 'analytics_report', payload: { channel: 'email' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_task_payload');
    expect(JSON.stringify(refused.body.error.details)).toContain('payload.recipients');
  });
});
