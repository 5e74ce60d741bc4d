import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

describe('scheduler routes', () => {
  let t: AuthTestApp;
  let auth: { authorization: string };
  const post = (path: string, body: unknown = {}) => request(t.app).post(path).set(auth).send(body as object);
  const get = (path: string) => request(t.app).get(path).set(auth);

  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', { DWC_SCHEDULER_POLL_MS: '200' });
    auth = { authorization: `Bearer ${t.owner.token}` };
  });
  afterAll(() => t.close());

  it("creates the seed's Daily Backup and shows its next run times", async () => {
    const created = await post('/api/v3/scheduler/schedules/cron', { name: 'Daily Backup', cron_expression: '0 2 * * *' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Daily Backup', kind: 'cron', timing: { cron_expression: '0 2 * * *' }, timezone: 'UTC', status: 'active', source: 'api', missed_runs: 'once', overlap: 'allow' });
    expect(created.body.next_run_times).toHaveLength(5);
    for (const time of created.body.next_run_times as string[]) expect(time).toMatch(/T02:00:00\.000Z$/);
    const fetched = await get(`/api/v3/scheduler/schedules/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.next_run_times).toEqual(created.body.next_run_times);
  });

  it('creates each other kind with its own fields, time zone and policies', async () => {
    const bodies = {
      interval: { interval_seconds: 300 },
      daily: { time: '02:30', timezone: 'Europe/Madrid' },
      weekly: { time: '09:00', days_of_week: ['mon', 'thu'], timezone: 'America/New_York' },
      monthly: { time: '06:00', day_of_month: 'last', missed_runs: 'all', missed_runs_cap: 5, overlap: 'skip', jitter_seconds: 30 },
    };
    for (const [kind, body] of Object.entries(bodies)) {
      const created = await post(`/api/v3/scheduler/schedules/${kind}`, { name: kind, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ kind, timing: Object.fromEntries(Object.entries(body).filter(([key]) => !['timezone', 'missed_runs', 'missed_runs_cap', 'overlap', 'jitter_seconds'].includes(key))) });
    }
    const list = await get('/api/v3/scheduler/schedules?limit=100');
    expect(list.body.items.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['cron', 'interval', 'daily', 'weekly', 'monthly']));
  });

  it('answers 4xx to a bad cron expression, a bad time zone, a bad time, an unknown workflow and an unknown schedule', async () => {
    const badCron = await post('/api/v3/scheduler/schedules/cron', { name: 'x', cron_expression: '0 25 * * *' });
    expect(badCron.status).toBe(400);
    expect(JSON.stringify(badCron.body.error.details)).toContain('cron_expression');
    const sevenFields = await post('/api/v3/scheduler/schedules/cron', { name: 'x', cron_expression: '0 0 0 * * * 2027' });
    expect(sevenFields.status).toBe(400);
    const badZone = await post('/api/v3/scheduler/schedules/daily', { name: 'x', time: '10:00', timezone: 'Europe/Atlantis' });
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body.error.details)).toContain('timezone');
    expect((await post('/api/v3/scheduler/schedules/daily', { name: 'x', time: '25:00' })).status).toBe(400);
    expect((await post('/api/v3/scheduler/schedules/interval', { name: 'x', interval_seconds: 0 })).status).toBe(400);
    expect((await post('/api/v3/scheduler/schedules/weekly', { name: 'x', time: '10:00', days_of_week: [] })).status).toBe(400);
    const noWorkflow = await post('/api/v3/scheduler/schedules/interval', { name: 'x', interval_seconds: 60, workflow_id: 'nope' });
    expect(noWorkflow.status).toBe(404);
    expect(noWorkflow.body.error.code).toBe('workflow_not_found');
    const missing = await get('/api/v3/scheduler/schedules/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('schedule_not_found');
    expect((await post('/api/v3/scheduler/schedules/nope/pause')).status).toBe(404);
    expect((await request(t.app).delete('/api/v3/scheduler/schedules/nope').set(auth)).status).toBe(404);
  });

  it('fires a workflow every second, keeps the history, pauses, resumes and deletes', async () => {
    const workflow = await post('/api/v3/workflows', { name: 'tick', steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }] });
    expect(workflow.status).toBe(201);
    const created = await post('/api/v3/scheduler/schedules/cron', { name: 'every second', cron_expression: '* * * * * *', workflow_id: workflow.body.id, payload: { hello: 'world' } });
    expect(created.status).toBe(201);
    await sleep(2_600);
    const paused = await post(`/api/v3/scheduler/schedules/${created.body.id}/pause`);
    expect(paused.body).toMatchObject({ status: 'paused', next_run_at: null });
    const history = await get(`/api/v3/scheduler/schedules/${created.body.id}/history`);
    expect(history.status).toBe(200);
    const runs = history.body.items as { planned_at: string; status: string; target: string; target_id: string; delay_ms: number }[];
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(runs.map((r) => r.planned_at)).size).toBe(runs.length);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'started', target: 'execution' });
      const execution = await get(`/api/v3/workflows/executions/${run.target_id}`);
      expect(execution.status).toBe(200);
      expect(execution.body.workflow_id).toBe(workflow.body.id);
    }
    const stats = await get('/api/v3/scheduler/service/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.runs.started).toBeGreaterThanOrEqual(runs.length);
    expect(stats.body.fire_delay_ms.sample).toBeGreaterThan(0);
    expect(stats.body.this_process.running).toBe(true);
    await sleep(1_200);
    expect((await get(`/api/v3/scheduler/schedules/${created.body.id}/history`)).body.items).toHaveLength(runs.length);
    const resumed = await post(`/api/v3/scheduler/schedules/${created.body.id}/resume`);
    expect(resumed.body.status).toBe('active');
    expect(Date.parse(resumed.body.next_run_at)).toBeGreaterThan(Date.now() - 1_000);
    expect((await request(t.app).delete(`/api/v3/scheduler/schedules/${created.body.id}`).set(auth)).status).toBe(204);
    expect((await get(`/api/v3/scheduler/schedules/${created.body.id}`)).status).toBe(404);
  });

  it('publishes schedule.fired for a schedule that names no workflow and no task', async () => {
    const seen: unknown[] = [];
    const stop = t.runtime.events.on('schedule.fired', (event) => seen.push(event.payload));
    const created = await post('/api/v3/scheduler/schedules/interval', { name: 'ping', interval_seconds: 1, payload: { source: 'test' } });
    await sleep(1_600);
    stop();
    await post(`/api/v3/scheduler/schedules/${created.body.id}/pause`);
    expect(seen).toContainEqual(expect.objectContaining({ schedule_id: created.body.id, name: 'ping', payload: { source: 'test' } }));
  });
});
