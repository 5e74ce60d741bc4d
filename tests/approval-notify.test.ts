// An approval step tells its approvers in the app that a run waits for them: every user whose role
// or id it names, and nobody else, once.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';
import { until } from './support/until.js';

describe('an approval step notifies its approvers', () => {
  let t: AuthTestApp;
  let admin: TestUser;
  let editor: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', noRateLimitEnv);
    admin = await t.createUser('admin');
    editor = await t.createUser('editor');
    viewer = await t.createUser('viewer');
  });
  afterAll(async () => {
    await t.close();
  });

  const inbox = async (user: TestUser) =>
    (await request(t.app).get('/api/v3/notifications/inbox').set({ authorization: `Bearer ${user.token}` })).body.items as { subject: string | null; message: string }[];

  it('reaches the admins and the named editor with the step and the run, and not the viewer', async () => {
    const owner = { authorization: `Bearer ${t.owner.token}` };
    const workflow = await request(t.app).post('/api/v3/workflows').set(owner).send({
      name: 'Publish',
      steps: [{ id: 'sign_off', type: 'approval', input: { message: 'Publish the quarterly report?', approvers: ['admin', editor.id] } }],
    });
    expect(workflow.status).toBe(201);
    const run = await request(t.app).post(`/api/v3/workflows/${workflow.body.id as string}/execute`).set(owner).send({});
    expect(run.status).toBe(202);
    const id = run.body.id as string;

    for (const user of [admin, editor]) {
      const items = await until(() => inbox(user), (list) => list.some((m) => m.subject === 'Approval needed: step "sign_off"'));
      const message = items.find((m) => m.subject === 'Approval needed: step "sign_off"')!;
      expect(message.message).toContain('Publish the quarterly report?');
      expect(message.message).toContain(`/executions/${id}/steps/sign_off/approve`);
    }
    expect((await inbox(viewer)).some((m) => m.subject?.startsWith('Approval needed'))).toBe(false);
    const history = await request(t.app).get('/api/v3/notifications').query({ channel: 'in_app' }).set(owner);
    expect((history.body.items as { idempotency_key: string }[]).filter((n) => n.idempotency_key.startsWith(`approval-notify:${id}:sign_off`))).toHaveLength(2);
  });
});
