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
    const noPhone = await create({ name: 'Sms', steps: [{ id: 'ok', type: 'transform', input: { expression: '1' } }], notify: [{ on: ['failure'], channel: 'sms', recipients: ['+14155550123', 'the boss'] }] });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error).toMatchObject({ code: 'invalid_recipient', details: { 'notify.0.recipients.1': [expect.stringContaining('E.164')] } });
    const nobody = await create({ name: 'Nobody', steps: [{ id: 'ok', type: 'transform', input: { expression: '1' } }], notify: [{ on: ['failure'], channel: 'in_app', recipients: [] }] });
    expect(nobody.status).toBe(400);
    expect((await request(t.app).get('/api/v3/workflows').set(owner)).body.total).toBe(before);
  });

  it('tells of a waiting run once per waiting step, not again each time the run parks', async () => {
    // first and second wait side by side; the run parks on both, resumes when first ends and parks
    // again on second (named a second time), then parks on third.
    const created = await create({
      name: 'Staged',
      steps: [
        { id: 'first', type: 'wait.until', depends_on: [], input: { duration_ms: 800 } },
        { id: 'second', type: 'wait.until', depends_on: [], input: { duration_ms: 2_000 } },
        { id: 'third', type: 'wait.until', depends_on: ['first', 'second'], input: { duration_ms: 300 } },
      ],
      notify: [{ on: ['waiting'], channel: 'in_app', recipients: [t.owner.email] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const parks: unknown[] = [];
    const off = t.runtime.events.on('execution.waiting', (event) => void parks.push(event.payload.waiting_steps));
    const run = await request(t.app).post(`/api/v3/workflows/${created.body.id as string}/execute`).set(owner).send({});
    expect(run.status).toBe(202);
    const id = run.body.id as string;
    const status = async () => (await request(t.app).get(`/api/v3/workflows/executions/${id}`).set(owner)).body.status as string;
    await until(status, (s) => s === 'succeeded', 15_000);
    off();
    expect(parks.flat().filter((step) => step === 'second').length).toBeGreaterThanOrEqual(2);
    const mine = await until(
      async () => (await inbox()).filter((m) => m.subject === 'Workflow "Staged" is waiting'),
      (list) => list.length >= 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await inbox()).filter((m) => m.subject === 'Workflow "Staged" is waiting')).toHaveLength(3);
    expect(mine.map((m) => /at step "(\w+)"/.exec(m.message)?.[1]).sort()).toEqual(['first', 'second', 'third']);
  });
});
