import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z, type DwcEvent } from '@dwc/sdk';
import { createEventBus } from '../events/event-bus.js';
import { createExecutionStore } from '../executions/execution-store.js';
import { createRegistries } from '../plugin-host/registries.js';
import { createJobStore } from '../queue/job-store.js';
import { createTaskService } from '../queue/task-service.js';
import { sqlClientOf, type SqlClient } from '../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createWorkflowStore } from '../workflows/workflow-store.js';
import { createSchedulerService, type SchedulerService } from './scheduler-service.js';
import { syncWorkflowSchedules } from './workflow-schedule-sync.js';

const SECOND = 1_000;
const MINUTE = 60_000;

describe.each(['sqlite', 'postgres'] as const)('scheduler on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;
  let scheduler: SchedulerService;
  let clock: number;
  let workflowId: string;
  const events = createEventBus(silentLogger);
  const fired: DwcEvent[] = [];
  events.on('schedule.fired', (event) => fired.push(event));

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
    const jobs = createJobStore(sql);
    const registries = createRegistries();
    registries.actions.register({ kind: 'action', type: 'noop', title: 'No-op', description: 'Does nothing', input: z.object({ note: z.string().optional() }), output: z.object({}), run: async () => ({}) }, 'test');
    scheduler = createSchedulerService({
      sql, executions: createExecutionStore(sql, jobs), jobs, tasks: createTaskService({ jobs, registries, onQueued: () => undefined }), events,
      logger: silentLogger, pollMs: 1_000, misfireGraceMs: MINUTE, onQueued: () => undefined, now: () => clock,
    });
    workflowId = (await createWorkflowStore(sql).create({ name: 'Scheduled', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'noop' }] } as never)).id;
  });
  afterAll(() => db.cleanup());
  beforeEach(() => {
    clock = Date.parse('2026-06-01T12:00:00.000Z');
    fired.length = 0;
  });

  const runsOf = async (id: string) => (await scheduler.history(id, { limit: 500 })).items.sort((a, b) => a.plannedAt - b.plannedAt);

  it('fires each occurrence once, at its time, and publishes schedule.fired for a schedule without a workflow', async () => {
    const schedule = await scheduler.create('cron', { name: 'Daily Backup', cron_expression: '*/10 * * * * *' });
    expect(schedule.nextRunAt).toBe(clock + 10 * SECOND);
    await scheduler.tick();
    expect(await runsOf(schedule.id)).toEqual([]);
    clock += 10 * SECOND;
    await scheduler.tick();
    await scheduler.tick();
    const runs = await runsOf(schedule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ plannedAt: clock, status: 'started', target: 'event' });
    expect(fired.map((e) => e.payload)).toEqual([expect.objectContaining({ schedule_id: schedule.id, name: 'Daily Backup', planned_at: new Date(clock).toISOString() })]);
    expect((await scheduler.get(schedule.id)).nextRunAt).toBe(clock + 10 * SECOND);
    await scheduler.remove(schedule.id);
  });

  it('starts an execution of the workflow for each occurrence, under the run row', async () => {
    const schedule = await scheduler.create('interval', { name: 'wf', interval_seconds: 5, workflow_id: workflowId, payload: { topic: 'x' } });
    clock += 5 * SECOND;
    await scheduler.tick();
    const [run] = await runsOf(schedule.id);
    expect(run).toMatchObject({ target: 'execution', status: 'started' });
    const execution = await sql.get<{ workflow_id: string; input: unknown; trigger: unknown }>('SELECT workflow_id, input, trigger FROM executions WHERE id = ?', [run!.targetId]);
    expect(execution?.workflow_id).toBe(workflowId);
    expect(sql.fromJson(execution!.input)).toEqual({ topic: 'x' });
    expect(sql.fromJson(execution!.trigger)).toMatchObject({ type: 'schedule', schedule_id: schedule.id, run_id: run!.id });
    expect(await sql.get('SELECT id FROM jobs WHERE id = ?', [run!.targetId])).toBeDefined();
    await scheduler.remove(schedule.id);
  });

  it('submits the background task its payload names', async () => {
    const schedule = await scheduler.create('daily', { name: 'nightly', time: '12:00:30', payload: { task_type: 'noop', payload: { note: 'hi' } } });
    clock += 30 * SECOND;
    await scheduler.tick();
    const [run] = await runsOf(schedule.id);
    expect(run).toMatchObject({ target: 'task' });
    const job = await sql.get<{ kind: string; task_type: string; name: string }>('SELECT kind, task_type, name FROM jobs WHERE id = ?', [run!.targetId]);
    expect(job).toMatchObject({ kind: 'task', task_type: 'noop', name: 'nightly' });
    await scheduler.remove(schedule.id);
  });

  it('refuses a second run row for the same planned time: a replayed claim starts nothing', async () => {
    const schedule = await scheduler.create('interval', { name: 'replay', interval_seconds: 60, workflow_id: workflowId });
    const countExecutions = async () => sql.fromInt((await sql.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM executions'))!.n);
    const before = await countExecutions();
    clock += MINUTE;
    await scheduler.tick();
    // Replay: put the schedule back as if its advance had been lost, and claim again.
    await sql.run('UPDATE schedules SET next_run_at = ?, due_at = ? WHERE id = ?', [clock, clock, schedule.id]);
    await scheduler.tick();
    expect(await runsOf(schedule.id)).toHaveLength(1);
    expect(await countExecutions()).toBe(before + 1);
    // And the database itself refuses a duplicate occurrence.
    await expect(sql.run('INSERT INTO schedule_runs (id, schedule_id, planned_at, fired_at, status, target) VALUES (?, ?, ?, ?, ?, ?)', ['dup', schedule.id, clock, clock, 'started', 'event'])).rejects.toThrow();
    expect((await scheduler.get(schedule.id)).nextRunAt).toBe(clock + MINUTE);
    await scheduler.remove(schedule.id);
  });

  it('fires each occurrence once when two schedulers claim the same due schedules at the same moment', async () => {
    const jobs = createJobStore(sql);
    const other = createSchedulerService({
      sql, executions: createExecutionStore(sql, jobs), jobs, tasks: createTaskService({ jobs, registries: createRegistries(), onQueued: () => undefined }), events,
      logger: silentLogger, pollMs: 1_000, misfireGraceMs: MINUTE, onQueued: () => undefined, now: () => clock, batchSize: 7,
    });
    const schedules = [];
    for (let n = 0; n < 30; n++) schedules.push(await scheduler.create('interval', { name: `race ${n}`, interval_seconds: 10, workflow_id: workflowId }));
    for (let round = 0; round < 3; round++) {
      clock += 10 * SECOND;
      await Promise.all([scheduler.tick(), other.tick(), scheduler.tick(), other.tick()]);
    }
    for (const schedule of schedules) {
      const runs = await runsOf(schedule.id);
      expect(runs.map((r) => r.plannedAt)).toEqual([1, 2, 3].map((k) => schedule.createdAt.getTime() + k * 10 * SECOND));
      await scheduler.remove(schedule.id);
    }
  });

  it('records an occurrence whose workflow was deleted as skipped, starting nothing', async () => {
    const doomed = (await createWorkflowStore(sql).create({ name: 'Doomed', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'noop' }] } as never)).id;
    const schedule = await scheduler.create('interval', { name: 'orphan', interval_seconds: 10, workflow_id: doomed });
    await sql.run('UPDATE workflows SET deleted_at = ? WHERE id = ?', [new Date(), doomed]);
    clock += 10 * SECOND;
    await scheduler.tick();
    expect(await runsOf(schedule.id)).toMatchObject([{ status: 'skipped', reason: 'workflow_not_found', targetId: null }]);
    await scheduler.remove(schedule.id);
  });

  describe('after the clock stood still for ten minutes', () => {
    for (const [policy, expected] of [['skip', 1], ['once', 2], ['all', 4]] as const) {
      it(`${policy}: fires ${expected} occurrences`, async () => {
        const schedule = await scheduler.create('cron', { name: policy, cron_expression: '* * * * *', missed_runs: policy, missed_runs_cap: 3 });
        clock += 10 * MINUTE + 5 * SECOND;
        await scheduler.tick();
        const runs = await runsOf(schedule.id);
        expect(runs).toHaveLength(expected);
        expect(runs.at(-1)!.plannedAt).toBe(Date.parse('2026-06-01T12:10:00Z'));
        expect((await scheduler.get(schedule.id)).nextRunAt).toBe(Date.parse('2026-06-01T12:11:00Z'));
        await scheduler.remove(schedule.id);
      });
    }
  });

  describe('overlap', () => {
    const finishAll = () => sql.run(`UPDATE executions SET status = 'succeeded' WHERE status IN ('queued', 'running')`);

    it('allow: starts the next occurrence while the previous run is still going', async () => {
      const schedule = await scheduler.create('interval', { name: 'allow', interval_seconds: 10, workflow_id: workflowId, overlap: 'allow' });
      clock += 10 * SECOND;
      await scheduler.tick();
      clock += 10 * SECOND;
      await scheduler.tick();
      expect((await runsOf(schedule.id)).map((r) => r.status)).toEqual(['started', 'started']);
      await finishAll();
      await scheduler.remove(schedule.id);
    });

    it('skip: records the occurrence as skipped while the previous run goes on', async () => {
      const schedule = await scheduler.create('interval', { name: 'skip', interval_seconds: 10, workflow_id: workflowId, overlap: 'skip' });
      clock += 10 * SECOND;
      await scheduler.tick();
      clock += 10 * SECOND;
      await scheduler.tick();
      await finishAll();
      clock += 10 * SECOND;
      await scheduler.tick();
      const runs = await runsOf(schedule.id);
      expect(runs.map((r) => [r.status, r.reason])).toEqual([['started', null], ['skipped', 'overlap'], ['started', null]]);
      await scheduler.remove(schedule.id);
    });

    it('queue: the occurrence waits for the previous run and then starts', async () => {
      const schedule = await scheduler.create('interval', { name: 'queue', interval_seconds: 10, workflow_id: workflowId, overlap: 'queue' });
      clock += 10 * SECOND;
      await scheduler.tick();
      clock += 10 * SECOND;
      await scheduler.tick();
      expect(await runsOf(schedule.id)).toHaveLength(1);
      expect((await scheduler.get(schedule.id)).nextRunAt).toBe(clock);
      await finishAll();
      clock += 2 * SECOND;
      await scheduler.tick();
      const runs = await runsOf(schedule.id);
      expect(runs.map((r) => [r.plannedAt, r.firedAt])).toEqual([[clock - 12 * SECOND, clock - 12 * SECOND], [clock - 2 * SECOND, clock]]);
      await finishAll();
      await scheduler.remove(schedule.id);
    });
  });

  it('adds a fixed jitter, the same on every computation, within the bound', async () => {
    const schedule = await scheduler.create('interval', { name: 'jitter', interval_seconds: 60, jitter_seconds: 30 });
    const offset = schedule.dueAt! - schedule.nextRunAt!;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(30 * SECOND);
    clock = schedule.nextRunAt!;
    if (offset > 0) {
      await scheduler.tick();
      expect(await runsOf(schedule.id)).toEqual([]);
    }
    clock = schedule.dueAt!;
    await scheduler.tick();
    expect(await runsOf(schedule.id)).toMatchObject([{ plannedAt: schedule.nextRunAt, firedAt: schedule.dueAt }]);
    await scheduler.remove(schedule.id);
  });

  it('pauses and resumes from the next occurrence after now', async () => {
    const schedule = await scheduler.create('interval', { name: 'pause', interval_seconds: 10 });
    await scheduler.pause(schedule.id);
    clock += 35 * SECOND;
    await scheduler.tick();
    expect(await runsOf(schedule.id)).toEqual([]);
    const resumed = await scheduler.resume(schedule.id);
    expect(resumed).toMatchObject({ status: 'active', nextRunAt: clock + 5 * SECOND });
    await scheduler.remove(schedule.id);
  });

  it('refuses a bad cron expression, time zone or unknown workflow', async () => {
    await expect(scheduler.create('cron', { name: 'x', cron_expression: '61 * * * *' })).rejects.toMatchObject({ code: 'invalid_schedule', details: { cron_expression: [expect.stringContaining('minute')] } });
    await expect(scheduler.create('cron', { name: 'x', cron_expression: '* * *' })).rejects.toMatchObject({ code: 'invalid_schedule' });
    await expect(scheduler.create('daily', { name: 'x', time: '09:00', timezone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'invalid_schedule', details: { timezone: [expect.stringContaining('IANA')] } });
    await expect(scheduler.create('daily', { name: 'x', time: '09:00', workflow_id: 'nope' })).rejects.toMatchObject({ code: 'workflow_not_found' });
    await expect(scheduler.create('daily', { name: 'x', time: '09:00', payload: { task_type: 'no.such' } })).rejects.toMatchObject({ code: 'unknown_task_type' });
  });

  it('keeps a workflow schedule trigger in step with workflow.trigger_changed', async () => {
    const stop = syncWorkflowSchedules({ events, scheduler, logger: silentLogger });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    events.emit('workflow.trigger_changed', { workflow_id: workflowId, active: true, trigger: { type: 'schedule', kind: 'daily', time: '13:00', timezone: 'Europe/Madrid' } });
    await settle();
    const [created] = (await scheduler.list({ workflowId, limit: 10 })).items;
    expect(created).toMatchObject({ source: 'workflow', status: 'active', kind: 'daily', nextRunAt: Date.parse('2026-06-02T11:00:00Z') });
    events.emit('workflow.trigger_changed', { workflow_id: workflowId, active: true, trigger: { type: 'schedule', kind: 'interval', interval_seconds: 30, overlap: 'skip' } });
    await settle();
    const updated = (await scheduler.list({ workflowId, limit: 10 })).items;
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ id: created!.id, kind: 'interval', policy: { overlap: 'skip' }, status: 'active' });
    events.emit('workflow.trigger_changed', { workflow_id: workflowId, active: false, trigger: { type: 'schedule', kind: 'interval', interval_seconds: 30 } });
    await settle();
    expect(await scheduler.get(created!.id)).toMatchObject({ status: 'paused', nextRunAt: null });
    events.emit('workflow.trigger_changed', { workflow_id: workflowId, active: true, trigger: { type: 'schedule', kind: 'cron', cron_expression: 'bad' } });
    await settle();
    expect(await scheduler.get(created!.id)).toMatchObject({ status: 'paused' });
    stop();
    await scheduler.remove(created!.id);
  });
});

describe('the schedule trigger', () => {
  it('describes its settings with the scheduler schema, so the UI can draw its form', async () => {
    const { scheduleTrigger } = await import('./schedule-trigger.js');
    const jsonSchema = z.toJSONSchema(scheduleTrigger.settings, { io: 'input' });
    expect(JSON.stringify(jsonSchema)).toContain('cron_expression');
    expect(JSON.stringify(jsonSchema)).toContain('missed_runs');
    expect(scheduleTrigger.settings.safeParse({ kind: 'daily', time: '02:30', timezone: 'Europe/Madrid', overlap: 'queue' }).success).toBe(true);
    expect(scheduleTrigger.settings.safeParse({ kind: 'daily', time: '02:30', timezone: 'Nowhere/City' }).success).toBe(false);
    expect(scheduleTrigger.settings.safeParse({ kind: 'hourly' }).success).toBe(false);
  });
});
