import type { ScheduleRecord, ScheduleRunRecord } from '@dwc/runtime';
import { z } from 'zod';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const scheduleSchema = z
  .object({
    id: z.string(), name: z.string(), kind: z.enum(['cron', 'interval', 'daily', 'weekly', 'monthly']),
    timing: z.record(z.string(), z.unknown()).meta({ description: 'The kind\'s own fields (`cron_expression`, `interval_seconds`, `time`, `days_of_week`, `day_of_month`)' }),
    timezone: z.string(), workflow_id: z.string().nullable(), payload: z.record(z.string(), z.unknown()).nullable(),
    source: z.enum(['api', 'workflow']), status: z.enum(['active', 'paused']),
    missed_runs: z.enum(['skip', 'once', 'all']), missed_runs_cap: z.number().int(), overlap: z.enum(['allow', 'skip', 'queue']), jitter_seconds: z.number(),
    next_run_at: z.string().nullable(), next_run_times: z.array(z.string()).optional().meta({ description: 'The next planned occurrences (GET of one schedule)' }),
    last_run_id: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
  })
  .meta({ id: 'Schedule' });

export const scheduleRunSchema = z
  .object({
    id: z.string(), schedule_id: z.string(), planned_at: z.string(), fired_at: z.string(), delay_ms: z.number(),
    status: z.enum(['started', 'skipped']), reason: z.string().nullable(), target: z.enum(['execution', 'task', 'event']),
    target_id: z.string().nullable().meta({ description: 'The execution or background task it started' }),
  })
  .meta({ id: 'ScheduleRun' });

export function toScheduleWire(schedule: ScheduleRecord, nextRunTimes?: number[]): z.input<typeof scheduleSchema> {
  const { kind: _kind, ...timing } = schedule.timing;
  return {
    id: schedule.id, name: schedule.name, kind: schedule.kind, timing, timezone: schedule.timezone, workflow_id: schedule.workflowId,
    payload: schedule.payload, source: schedule.source, status: schedule.status, ...schedule.policy, next_run_at: iso(schedule.nextRunAt),
    ...(nextRunTimes ? { next_run_times: nextRunTimes.map((ms) => new Date(ms).toISOString()) } : {}),
    last_run_id: schedule.lastRunId, created_at: schedule.createdAt.toISOString(), updated_at: schedule.updatedAt.toISOString(),
  };
}

export const toRunWire = (run: ScheduleRunRecord): z.input<typeof scheduleRunSchema> => ({
  id: run.id, schedule_id: run.scheduleId, planned_at: iso(run.plannedAt)!, fired_at: iso(run.firedAt)!, delay_ms: run.firedAt - run.plannedAt,
  status: run.status, reason: run.reason, target: run.target, target_id: run.targetId,
});
