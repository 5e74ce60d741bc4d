import { describeZodError, InputError, NotFoundError, toFieldErrors, z, type EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { ExecutionStore } from '../executions/execution-store.js';
import type { JobStore } from '../queue/job-store.js';
import type { TaskService } from '../queue/task-service.js';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import { fireDueSchedules, jitterMs, type FireTargets } from './fire-due-schedules.js';
import { occurrencesOf } from './next-occurrence.js';
import { policySchema, timezoneSchema, timingSchemas, type ScheduleKind, type ScheduleTiming } from './schedule-spec.js';
import { createScheduleStore, type NewSchedule } from './schedule-store.js';
import type { ScheduleRecord, ScheduleRunRecord, ScheduleStatus } from './schedule-types.js';
import { startSchedulerLoop, type SchedulerLoop } from './scheduler-loop.js';

/** Claim transactions one Postgres process runs at once during a burst. */
const PARALLEL_CLAIMS = 4;

/** Fields every `POST /api/v3/scheduler/schedules/{kind}` body shares. */
export const scheduleCommonSchema = policySchema.extend({
  name: z.string().min(1).max(200),
  timezone: timezoneSchema,
  workflow_id: z.string().min(1).max(26).optional().meta({ description: 'Run this workflow (its latest version) with `payload` as input', 'x-dwc-widget': 'workflow' }),
  payload: z.record(z.string(), z.unknown()).optional().describe('Without `workflow_id`: a background task (`task_type`, and its own `payload`, `priority`, `timeout_ms`, `max_retries`) to submit, or else the data of the `schedule.fired` event'),
});
/** The body of each kind's create route. */
export const scheduleCreateSchemas = Object.fromEntries(
  Object.entries(timingSchemas).map(([kind, timing]) => [kind, scheduleCommonSchema.extend(timing.shape)]),
) as unknown as Record<ScheduleKind, z.ZodObject>;
/** A create body: the common fields and one kind's timing fields. */
export type ScheduleCreate = z.input<typeof scheduleCommonSchema> & Record<string, unknown>;

export interface SchedulerOptions {
  sql: SqlClient;
  executions: ExecutionStore;
  jobs: JobStore;
  tasks: TaskService;
  events: EventBus;
  logger: Logger;
  /** Longest sleep between looks at the table (other processes' changes are seen within it). */
  pollMs: number;
  /** An occurrence planned longer ago than this is missed and follows the schedule's `missed_runs`. */
  misfireGraceMs: number;
  /** Called after executions or tasks were queued. */
  onQueued: () => void;
  /** The clock; tests pass one they move by hand. */
  now?: () => number;
  batchSize?: number;
}

export type SchedulerService = ReturnType<typeof createSchedulerService>;

/**
 * Schedules, fired exactly once each planned occurrence (see `fireDueSchedules`).
 *
 * Why not bree: bree keeps its timers in each process's memory and starts a worker thread per job,
 * so two processes would both fire, and a restart forgets what was due. Here the database is the
 * clock's memory: the next occurrence is a row, a claim locks it (`FOR UPDATE SKIP LOCKED`) and the
 * work it starts goes on the shared job queue, whose workers already run on every process. croner
 * computes the occurrences (cron, time zones, DST).
 */
export function createSchedulerService(options: SchedulerOptions) {
  const store = createScheduleStore(options.sql);
  const now = options.now ?? Date.now;
  const stats = { missed: 0, firedHere: 0 };
  let loop: SchedulerLoop | undefined;

  const taskOf = (schedule: Pick<ScheduleRecord, 'name' | 'payload' | 'workflowId'>) => {
    const payload = schedule.payload;
    if (schedule.workflowId || !payload || typeof payload.task_type !== 'string') return undefined;
    return options.tasks.prepare({ name: schedule.name, ...payload } as Parameters<TaskService['prepare']>[0]);
  };
  const targets: FireTargets = {
    async workflowVersions(tx, workflowIds) {
      const rows = await tx.all<{ id: string; latest_version: unknown }>(
        `SELECT id, latest_version FROM workflows WHERE deleted_at IS NULL AND id IN (${workflowIds.map(() => '?').join(', ')})`, workflowIds,
      );
      return new Map(rows.map((row) => [row.id, options.sql.fromInt(row.latest_version)]));
    },
    startExecutions: (tx, executions) => options.executions.createBatch(executions, tx),
    taskOf: (schedule) => {
      try {
        return taskOf(schedule);
      } catch (error) {
        options.logger.warn({ err: error, schedule_id: (schedule as ScheduleRecord).id }, 'a schedule names a task that is no longer valid; publishing schedule.fired instead');
        return undefined;
      }
    },
    enqueueTasks: (tx, jobs) => options.jobs.enqueueBatch(jobs, tx),
  };

  /** The next occurrence strictly after `after` and when it is due (with its jitter). */
  function nextOf(schedule: Pick<ScheduleRecord, 'id' | 'timing' | 'timezone' | 'policy'> & { createdAt: Date }, after: number) {
    const nextRunAt = occurrencesOf(schedule.timing, schedule.timezone, schedule.createdAt.getTime())(after);
    return { nextRunAt, dueAt: nextRunAt === null ? null : nextRunAt + jitterMs(schedule, nextRunAt) };
  }

  async function get(id: string): Promise<ScheduleRecord> {
    const schedule = await store.get(id);
    if (!schedule) throw new NotFoundError(`No schedule with id "${id}".`, { code: 'schedule_not_found', values: { id } });
    return schedule;
  }

  async function checkWorkflow(workflowId: string): Promise<void> {
    const row = await options.sql.get('SELECT id FROM workflows WHERE id = ? AND deleted_at IS NULL', [workflowId]);
    if (!row) throw new NotFoundError(`No workflow with id "${workflowId}".`, { code: 'workflow_not_found', details: { workflow_id: ['no such workflow'] }, values: { id: workflowId } });
  }

  /** Claims and fires batches until none is left; several run at once on Postgres, each claiming different rows. */
  async function drain(): Promise<number> {
    const batchSize = options.batchSize ?? 500;
    let fired = 0;
    for (;;) {
      const result = await fireDueSchedules({ sql: options.sql, store, targets, now: now(), graceMs: options.misfireGraceMs, batchSize });
      stats.missed += result.missed;
      stats.firedHere += result.started;
      fired += result.started;
      if (result.queued) options.onQueued();
      for (const event of result.events) {
        options.events.emit('schedule.fired', {
          schedule_id: event.schedule.id, name: event.schedule.name, run_id: event.runId,
          planned_at: new Date(event.plannedAt).toISOString(), payload: event.schedule.payload ?? {},
        });
      }
      if (result.claimed < batchSize) return fired;
    }
  }

  async function tick(): Promise<number> {
    // SQLite has one writer, so one drain; on Postgres `SKIP LOCKED` lets drains share a burst.
    const drains = options.sql.dialect === 'postgres' ? PARALLEL_CLAIMS : 1;
    return (await Promise.all(Array.from({ length: drains }, drain))).reduce((a, b) => a + b, 0);
  }

  return {
    async create<K extends ScheduleKind>(kind: K, body: ScheduleCreate): Promise<ScheduleRecord> {
      const parsed = parseCreate(kind, body);
      const { name, timezone, workflow_id, payload, missed_runs, missed_runs_cap, overlap, jitter_seconds, ...timing } = parsed;
      if (workflow_id) await checkWorkflow(workflow_id);
      else if (payload && typeof payload.task_type === 'string') taskOf({ name, payload, workflowId: null });
      const createdAt = new Date(now());
      const policy = { missed_runs, missed_runs_cap, overlap, jitter_seconds };
      const fields: NewSchedule & { createdAt: Date } = {
        name, kind, timing: { kind, ...timing } as ScheduleTiming, timezone, workflowId: workflow_id ?? null, payload: payload ?? null, source: 'api',
        status: 'active', policy, nextRunAt: null, dueAt: null, createdAt,
      };
      const id = newId(createdAt.getTime());
      const created = await store.insert({ ...fields, id, ...nextOf({ ...fields, id }, createdAt.getTime()) });
      loop?.wake();
      return created;
    },

    get,

    /** The next `count` planned occurrences after now. */
    async upcoming(schedule: ScheduleRecord, count: number): Promise<number[]> {
      if (schedule.nextRunAt === null) return [];
      const occurrences = occurrencesOf(schedule.timing, schedule.timezone, schedule.createdAt.getTime());
      const times = [schedule.nextRunAt];
      while (times.length < count) {
        const next = occurrences(times.at(-1)!);
        if (next === null) break;
        times.push(next);
      }
      return times;
    },

    async list(filter: { status?: ScheduleStatus | undefined; workflowId?: string | undefined; limit: number; before?: string | undefined }) {
      const items = await store.list(filter);
      return { items, nextBefore: items.length === filter.limit ? items.at(-1)!.id : null };
    },

    /** Stops firing; what was due and not yet fired is dropped. */
    async pause(id: string): Promise<ScheduleRecord> {
      await get(id);
      await store.setState(id, { status: 'paused', nextRunAt: null, dueAt: null });
      return get(id);
    },

    /** Fires again from the next occurrence after now (occurrences while paused are not made up). */
    async resume(id: string): Promise<ScheduleRecord> {
      const schedule = await get(id);
      if (schedule.status === 'active') return schedule;
      await store.setState(id, { status: 'active', ...nextOf(schedule, now()) });
      loop?.wake();
      return get(id);
    },

    async remove(id: string): Promise<void> {
      if (!(await store.remove(id))) throw new NotFoundError(`No schedule with id "${id}".`, { code: 'schedule_not_found', values: { id } });
    },

    async history(id: string, page: { limit: number; before?: string | undefined }): Promise<{ items: ScheduleRunRecord[]; nextBefore: string | null }> {
      await get(id);
      const items = await store.history(id, page);
      return { items, nextBefore: items.length === page.limit ? items.at(-1)!.id : null };
    },

    /** Creates, updates or pauses the schedule a workflow's `schedule` trigger owns. */
    async syncWorkflowTrigger(workflowId: string, trigger: { kind: ScheduleKind; timezone: string; payload?: Record<string, unknown> | undefined } & Record<string, unknown>, active: boolean, name: string) {
      const { kind, timezone, payload, missed_runs, missed_runs_cap, overlap, jitter_seconds, ...rest } = trigger as never as Record<string, unknown> & { kind: ScheduleKind; timezone: string; payload?: Record<string, unknown> };
      const timing = timingSchemas[kind].parse(rest);
      const existing = await store.ofWorkflow(workflowId);
      const createdAt = existing?.createdAt ?? new Date(now());
      const fields: NewSchedule & { createdAt: Date } = {
        name, kind, timing: { kind, ...timing } as ScheduleTiming, timezone, workflowId, payload: payload ?? null, source: 'workflow',
        status: active ? 'active' : 'paused',
        policy: policySchema.parse({ missed_runs, missed_runs_cap, overlap, jitter_seconds }), nextRunAt: null, dueAt: null, createdAt,
      };
      const id = existing?.id ?? newId(createdAt.getTime());
      // An unchanged active schedule keeps its next occurrence, so a re-save does not skip or repeat one.
      const unchanged = existing && existing.status === 'active' && active && JSON.stringify([existing.timing, existing.timezone, existing.policy]) === JSON.stringify([fields.timing, fields.timezone, fields.policy]);
      const next = !active ? { nextRunAt: null, dueAt: null } : unchanged ? { nextRunAt: existing.nextRunAt, dueAt: existing.dueAt } : nextOf({ ...fields, id }, now());
      const saved = await store.upsertForWorkflow({ ...fields, id, workflowId, ...next });
      loop?.wake();
      return saved;
    },

    /** Pauses a workflow's schedule trigger (its trigger is no longer a schedule, or it was deleted). */
    async pauseWorkflowTrigger(workflowId: string): Promise<void> {
      const existing = await store.ofWorkflow(workflowId);
      if (existing && existing.status !== 'paused') await store.setState(existing.id, { status: 'paused', nextRunAt: null, dueAt: null });
    },

    /** Fires every due occurrence now; the loop calls it, and tests with a hand-moved clock. Returns how many started. */
    tick,

    async stats() {
      const counts = await store.counts();
      const delays = (await store.recentDelays(1_000)).sort((a, b) => a - b);
      const pct = (p: number) => (delays.length === 0 ? null : delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!);
      return {
        schedules: { active: counts.active, paused: counts.paused },
        runs: { started: counts.runsStarted, skipped: counts.runsSkipped },
        fireDelayMs: { p50: pct(50), p99: pct(99), max: delays.at(-1) ?? null, sample: delays.length },
        thisProcess: { running: loop !== undefined, fired: stats.firedHere, missed: stats.missed, pollMs: options.pollMs },
        nextDueAt: await store.nextDueAt(),
      };
    },

    /** Starts the loop that fires due schedules (one per process; several processes share the table). */
    start(): void {
      loop ??= startSchedulerLoop({ tick, nextDueAt: () => store.nextDueAt(), pollMs: options.pollMs, now, logger: options.logger });
    },

    async stop(): Promise<void> {
      await loop?.stop();
      loop = undefined;
    },
  };
}

function parseCreate<K extends ScheduleKind>(kind: K, body: unknown) {
  const parsed = scheduleCreateSchemas[kind].safeParse(body);
  if (!parsed.success) {
    throw new InputError(`Invalid ${kind} schedule: ${describeZodError(parsed.error)}`, { code: 'invalid_schedule', details: toFieldErrors(parsed.error) });
  }
  return parsed.data as z.output<typeof scheduleCommonSchema> & Record<string, unknown>;
}
