import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';

interface Execution {
  id: string;
  status: string;
  output: Record<string, unknown> | null;
  error: { code: string } | null;
  steps: { id: string; status: string; output: Record<string, unknown> | null }[];
}

describe.each(['sqlite', 'postgres'] as const)('steps that wait without holding a worker, on %s', (dialect) => {
  let t: AuthTestApp;
  let admin: TestUser;
  let editor: TestUser;

  beforeAll(async () => {
    t = await startAuthTestApp(dialect, { DWC_RATE_LIMIT_PER_USER: '100000', DWC_RATE_LIMIT_PER_IP: '100000' });
    admin = await t.createUser('admin');
    editor = await t.createUser('editor');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });
  const post = (path: string, body: object, user = t.owner) => request(t.app).post(path).set(as(user)).send(body);
  const get = (path: string) => request(t.app).get(path).set(as(t.owner));
  const execution = async (id: string): Promise<Execution> => (await get(`/api/v3/workflows/executions/${id}`)).body as Execution;

  async function start(steps: object[], input: object = {}): Promise<string> {
    const workflow = await post('/api/v3/workflows', { name: `waits ${Math.random()}`, steps });
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    const run = await post(`/api/v3/workflows/${workflow.body.id as string}/execute`, input);
    expect(run.status).toBe(202);
    return run.body.id as string;
  }

  async function until(id: string, done: (e: Execution) => boolean, timeoutMs = 15_000): Promise<Execution> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await execution(id);
      if (done(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
  const ended = (e: Execution) => ['succeeded', 'failed', 'cancelled'].includes(e.status);
  const parked = async (id: string) => {
    const e = await until(id, (x) => x.status === 'waiting');
    // No worker slot is held while it waits.
    expect(t.runtime.workers.activeCount()).toBe(0);
    return e;
  };

  it('lists the waiting steps among the step types, with their input schemas', async () => {
    const actions = await get('/api/v3/actions');
    const types = (actions.body.items ?? actions.body) as { type: string; plugin: string }[];
    for (const type of ['wait.until', 'wait.event', 'approval']) expect(types).toContainEqual(expect.objectContaining({ type, plugin: '@dwc/runtime' }));
  });

  it('wait.until parks the execution as waiting, then resumes it when the time comes, telling listeners each change', async () => {
    const heard: { type: string; payload: Record<string, unknown> }[] = [];
    const off = t.runtime.events.on('*', (event) => heard.push({ type: event.type, payload: event.payload as Record<string, unknown> }));
    const id = await start([{ id: 'pause', type: 'wait.until', input: { duration_ms: 600 } }, { id: 'after', type: 'transform', input: { expression: '"done"' } }]);
    const waiting = await parked(id);
    const mine = () => heard.filter((e) => e.payload.execution_id === id).map((e) => e.type);
    expect(heard).toContainEqual({ type: 'step.waiting', payload: expect.objectContaining({ execution_id: id, step_id: 'pause', kind: 'until', wake_at: expect.any(String) }) });
    expect(heard).toContainEqual({ type: 'execution.waiting', payload: expect.objectContaining({ execution_id: id, status: 'waiting', waiting_steps: ['pause'] }) });
    expect(waiting.steps).toContainEqual(expect.objectContaining({ id: 'pause', status: 'waiting' }));
    const done = await until(id, ended);
    expect(done.status).toBe('succeeded');
    const pause = done.steps.find((s) => s.id === 'pause')!;
    expect(pause.status).toBe('succeeded');
    expect(Date.parse(pause.output!.resumed_at as string)).toBeGreaterThanOrEqual(Date.parse(pause.output!.waited_until as string));
    off();
    expect(mine()).toEqual(expect.arrayContaining(['execution.started', 'step.waiting', 'execution.waiting', 'execution.resumed', 'step.succeeded', 'execution.succeeded']));
    expect(mine().indexOf('execution.resumed')).toBeGreaterThan(mine().indexOf('execution.waiting'));
  });

  it('wait.until takes a wait of a year (no one-hour cap), and a waiting execution can be cancelled', async () => {
    const id = await start([{ id: 'pause', type: 'wait.until', input: { until: new Date(Date.now() + 365 * 86_400_000).toISOString() } }]);
    await parked(id);
    expect((await post(`/api/v3/workflows/executions/${id}/cancel`, {})).body.status).toBe('cancelled');
  });

  it('wait.event resumes only on an event whose data matches, and its output is the event', async () => {
    const id = await start([{ id: 'paid', type: 'wait.event', input: { event_type: 'order_paid', match: { order_id: '{{ input.order }}' } } }], { order: 'o-7' });
    await parked(id);
    t.runtime.events.emit('external.order_paid', { type: 'order_paid', data: { order_id: 'o-8', amount: 1 }, user_id: 'u1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await execution(id)).status).toBe('waiting');
    t.runtime.events.emit('external.order_paid', { type: 'order_paid', data: { order_id: 'o-7', amount: 5 }, user_id: 'u1' });
    const done = await until(id, ended);
    expect(done.status).toBe('succeeded');
    expect(done.output).toMatchObject({ timed_out: false, event: { type: 'order_paid', data: { order_id: 'o-7', amount: 5 }, user_id: 'u1' } });
  });

  it('wait.event also resumes on internal events', async () => {
    const id = await start([{ id: 'doc', type: 'wait.event', input: { event_type: 'document.reviewed', match: { doc: 'd1' } } }]);
    await parked(id);
    t.runtime.events.emit('document.reviewed', { doc: 'd1' });
    expect((await until(id, ended)).output).toMatchObject({ timed_out: false, event: { type: 'document.reviewed', data: { doc: 'd1' } } });
  });

  it('a timed-out wait.event continues with timed_out: true, and `when` routes the later steps', async () => {
    const id = await start([
      { id: 'paid', type: 'wait.event', input: { event_type: 'never_sent', timeout_ms: 400 } },
      { id: 'remind', type: 'transform', depends_on: ['paid'], when: '{{ steps.paid.output.timed_out }}', input: { expression: '"remind"' } },
      { id: 'ship', type: 'transform', depends_on: ['paid'], when: '{{ steps.paid.output.timed_out = false }}', input: { expression: '"ship"' } },
    ]);
    await parked(id);
    const done = await until(id, ended);
    expect(done.status).toBe('succeeded');
    expect(Object.fromEntries(done.steps.map((s) => [s.id, s.status]))).toEqual({ paid: 'succeeded', remind: 'succeeded', ship: 'skipped' });
    expect(done.steps.find((s) => s.id === 'paid')!.output).toMatchObject({ timed_out: true, event: null });
  });

  it('refuses to wait inside a called workflow or over a for_each, with clear codes', async () => {
    const child = await post('/api/v3/workflows', { name: `child ${Math.random()}`, steps: [{ id: 'pause', type: 'wait.until', input: { duration_ms: 10 } }] });
    const calling = await start([{ id: 'call', type: 'workflow.call', input: { workflow_id: child.body.id as string } }]);
    const called = await until(calling, ended);
    expect(called.status).toBe('failed');
    expect(JSON.stringify(called.error)).toContain('wait_in_called_workflow');

    const fanned = await start([{ id: 'pause', type: 'wait.until', for_each: '{{ [1, 2] }}', input: { duration_ms: 10 } }]);
    const refused = await until(fanned, ended);
    expect(refused.status).toBe('failed');
    expect(refused.error!.code).toBe('invalid_step_input');
  });

  describe('approval', () => {
    const approval = (approvers: string[], extra: object = {}) => [
      { id: 'ok', type: 'approval', input: { message: 'Publish?', approvers, ...extra } },
      { id: 'publish', type: 'transform', input: { expression: '"published"' } },
    ];
    const decide = (id: string, verb: 'approve' | 'reject', user: TestUser, comment?: string) =>
      post(`/api/v3/workflows/executions/${id}/steps/ok/${verb}`, comment === undefined ? {} : { comment }, user);

    it('refuses a user without a named role (403), lets an approver approve, and audits the decision', async () => {
      const id = await start(approval(['admin']));
      await parked(id);
      const inbox = await request(t.app).get('/api/v3/approvals').set(as(admin));
      expect(inbox.body.items).toContainEqual(expect.objectContaining({ execution_id: id, step_id: 'ok', message: 'Publish?', approvers: ['admin'] }));
      expect((await request(t.app).get('/api/v3/approvals').set(as(editor))).body.items.map((i: { execution_id: string }) => i.execution_id)).not.toContain(id);

      const refused = await decide(id, 'approve', editor);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('approval_forbidden');
      const approved = await decide(id, 'approve', admin, 'looks good');
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ decision: 'approved', decided_by: { user_id: admin.id, label: admin.email }, comment: 'looks good' });

      const done = await until(id, ended);
      expect(done.status).toBe('succeeded');
      expect(done.steps.find((s) => s.id === 'ok')!.output).toMatchObject({ decision: 'approved', approved: true, decided_by: { user_id: admin.id }, comment: 'looks good' });
      expect(t.audit).toContainEqual(expect.objectContaining({ action: 'approval.approve', outcome: 'success', actor: `user:${admin.id}`, target: `execution:${id}/step:ok` }));
      expect(t.audit).toContainEqual(expect.objectContaining({ action: 'approval.approve', outcome: 'failure', actor: `user:${editor.id}` }));
      expect((await decide(id, 'approve', admin)).body.error.code).toBe('approval_not_pending');
    });

    it('accepts an approver named by user id', async () => {
      const id = await start(approval([editor.id]));
      await parked(id);
      expect((await decide(id, 'approve', editor)).status).toBe(200);
      expect((await until(id, ended)).status).toBe('succeeded');
    });

    it('a rejection fails the step with approval_rejected, or with on_reject: continue ends it with the decision', async () => {
      const failing = await start(approval(['owner']));
      await parked(failing);
      expect((await decide(failing, 'reject', t.owner, 'no')).status).toBe(200);
      const failed = await until(failing, ended);
      expect(failed.status).toBe('failed');
      expect(failed.error!.code).toBe('approval_rejected');

      const routing = await start([
        { id: 'ok', type: 'approval', input: { message: 'Go?', approvers: ['owner'], on_reject: 'continue' } },
        { id: 'publish', type: 'transform', when: '{{ steps.ok.output.approved }}', input: { expression: '"published"' } },
      ]);
      await parked(routing);
      await decide(routing, 'reject', t.owner, 'not now');
      const routed = await until(routing, ended);
      expect(routed.status).toBe('succeeded');
      expect(Object.fromEntries(routed.steps.map((s) => [s.id, s.status]))).toEqual({ ok: 'succeeded', publish: 'skipped' });
      expect(routed.steps.find((s) => s.id === 'ok')!.output).toMatchObject({ decision: 'rejected', comment: 'not now' });
    });

    it('times out: fails with wait_timed_out by default, and a late decision is refused', async () => {
      const id = await start(approval(['owner'], { timeout_ms: 400 }));
      await parked(id);
      const done = await until(id, ended);
      expect(done.status).toBe('failed');
      expect(done.error!.code).toBe('wait_timed_out');
      expect((await decide(id, 'approve', t.owner)).status).toBe(409);
    });

    it('answers 404 for a step that is not a started approval', async () => {
      const id = await start(approval(['owner']));
      await parked(id);
      expect((await post(`/api/v3/workflows/executions/${id}/steps/publish/approve`, {})).body.error.code).toBe('approval_not_found');
      expect((await post(`/api/v3/workflows/executions/${id}/steps/ok/approve`, { comment: 5 })).status).toBe(400);
      await post(`/api/v3/workflows/executions/${id}/cancel`, {});
    });
  });
});
