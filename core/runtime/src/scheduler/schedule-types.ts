import type { ScheduleKind, SchedulePolicy, ScheduleTiming } from './schedule-spec.js';

export type ScheduleStatus = 'active' | 'paused';
/** `api`: made through the scheduler routes; `workflow`: a workflow's schedule trigger owns it. */
export type ScheduleSource = 'api' | 'workflow';
/** What an occurrence starts: an execution of `workflow_id`, the background task `payload` names, or a `schedule.fired` event. */
export type RunTarget = 'execution' | 'task' | 'event';

export interface ScheduleRecord {
  id: string;
  name: string;
  kind: ScheduleKind;
  timing: ScheduleTiming;
  timezone: string;
  workflowId: string | null;
  payload: Record<string, unknown> | null;
  source: ScheduleSource;
  status: ScheduleStatus;
  policy: SchedulePolicy;
  /** The next planned occurrence (epoch ms), or null when paused or there is none. */
  nextRunAt: number | null;
  /** When the next occurrence starts: its planned time plus its jitter. */
  dueAt: number | null;
  lastRunId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScheduleRunRecord {
  id: string;
  scheduleId: string;
  plannedAt: number;
  firedAt: number;
  /** `started`: its execution, task or event was written; `skipped`: the overlap policy left it out. */
  status: 'started' | 'skipped';
  reason: string | null;
  target: RunTarget;
  targetId: string | null;
}
