// A workflow's `notify` setting: a failed run and a finished run reach the people it names, once,
// whatever number of processes hear the event; a rule naming a channel that is not installed is
// refused at save.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { until } from './support/until.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

interface InboxItem {
  subject: string | null;
  message: string;
}


describe("a workflow's notify setting", () => {
  let t: AuthTestApp;
  let owner: Record<string, string>;

  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', noRateLimitEnv);
    owner = { authorization: `Bearer ${t.owner.token}` };
  });
  afterAll(async () => {
    await t.close();
  });

  const inbox = async () => (await request(t.app).get('/api/v3/notifications/inbox').set(owner)).body.items as InboxItem[];
  const create = (body: object) => request(t.app).post('/api/v3/workflows').set(owner).send(body);

  it('tells the owner in the app when a run fails, with the error, and only once however often the event is heard', async () => {
    const created = await create({
      name: 'Nightly report',
      steps: [{ id: 'boom', type: 'transform', input: { expression: '$error("the source answered 500")' } }],
      notify: [{ on: ['failure'], channel: 'in_app', recipients: [t.owner.email] }],
    });
    expect(created.status).toBe(201);
    const run = await request(t.app).post(`/api/v3/workflows/${created.body.id as string}/execute?wait=true`).set(owner).send({});
    expect(run.body.status).toBe('failed');

    const items = await until(inbox, (list) => list.some((m) => m.subject === 'Workflow "Nightly report" failed'));
    const message = items.find((m) => m.subject === 'Workflow "Nightly report" failed')!;
    expect(message.message).toContain(run.body.id as string);
    expect(message.message).toContain('the source answered 500');

    // The Postgres bridge repeats every event on every process: hearing it again queues nothing.
    t.runtime.events.emit('execution.failed', { execution_id: run.body.id, workflow_id: created.body.id, version: 1, status: 'failed', error: run.body.error });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const history = await request(t.app).get('/api/v3/notifications').query({ channel: 'in_app' }).set(owner);
    expect((history.body.items as { idempotency_key: string }[]).filter((n) => n.idempotency_key.startsWith(`workflow-notify:${run.body.id as string}:failure`))).toHaveLength(1);
  });

  it('renders a stored template with the run for a success, and sends nothing for events it did not ask for', async () => {
    const template = await request(t.app).post('/api/v3/notifications/templates').set(owner).send({
      name: 'run_done',
      channel: 'in_app',
      subject: '{{ workflow.name }} is done',
      body: 'Run {{ execution.id }} ended {{ execution.status }}.',
      sample_data: { workflow: { name: 'x' }, execution: { id: 'e', status: 'succeeded' } },
    });
    expect(template.status).toBe(201);
    const created = await create({
      name: 'Digest',
      steps: [{ id: 'ok', type: 'transform', input: { expression: '1 + 1' } }],
      notify: [{ on: ['success'], channel: 'in_app', recipients: [t.owner.email], template: 'run_done' }, { on: ['failure'], channel: 'in_app', recipients: [t.owner.email] }],
    });
    const run = await request(t.app).post(`/api/v3/workflows/${created.body.id as string}/execute?wait=true`).set(owner).send({});
    expect(run.body.status).toBe('succeeded');
    const items = await until(inbox, (list) => list.some((m) => m.subject === 'Digest is done'));
    expect(items.find((m) => m.subject === 'Digest is done')!.message).toBe(`Run ${run.body.id as string} ended succeeded.`);
    expect(items.some((m) => m.subject === 'Workflow "Digest" failed')).toBe(false);
  });

  it('refuses a rule naming a channel that is not installed, at the field, and stores nothing', async () => {
    const before = (await request(t.app).get('/api/v3/workflows').set(owner)).body.total as number;
    const response = await create({ name: 'Typo', steps: [{ id: 'ok', type: 'transform', input: { expression: '1' } }], notify: [{ on: ['failure'], channel: 'emali', recipients: ['a@example.com'] }] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('channel_not_installed');
    expect(Object.keys(response.body.error.details as object)).toEqual(['notify.0.channel']);
    const bad = await create({ name: 'Bad', steps: [{ id: 'ok', type: 'transform', input: { expression: '1' } }], notify: [{ on: ['sometimes'], channel: 'in_app', recipients: ['a@example.com'] }] });
    expect(bad.status).toBe(400);
    expect((await request(t.app).get('/api/v3/workflows').set(owner)).body.total).toBe(before);
  });
});
