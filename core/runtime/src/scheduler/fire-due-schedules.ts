import { createHash } from 'node:crypto';
import type { NewJob } from '../queue/job-types.js';
import { newId } from '../storage/new-id.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import type { NewExecution } from '../executions/execution-types.js';
import { occurrencesOf } from './next-occurrence.js';
import { planOccurrences } from './plan-occurrences.js';
import type { NewRun, ScheduleAdvance, ScheduleStore } from './schedule-store.js';
import type { RunTarget, ScheduleRecord } from './schedule-types.js';

/** How a fired occurrence starts its work, inside the claim's transaction. */
export interface FireTargets {
  /** The latest version of each of these workflows that still exists. */
  workflowVersions(tx: SqlQueries, workflowIds: readonly string[]): Promise<Map<string, number>>;
  /** Writes queued executions (and their jobs) with the ids given. */
  startExecutions(tx: SqlQueries, executions: (Pick<NewExecution, 'workflowId' | 'version' | 'input' | 'trigger'> & { id: string })[]): Promise<void>;
  /** Turns a schedule's payload into the background task it names, or undefined when it names none. */
  taskOf(schedule: ScheduleRecord): NewJob | undefined;
  enqueueTasks(tx: SqlQueries, jobs: (NewJob & { id: string })[]): Promise<void>;
}

export interface FiredEvent {
  schedule: ScheduleRecord;
  runId: string;
  plannedAt: number;
}

export interface FireResult {
  claimed: number;
  started: number;
  skipped: number;
  missed: number;
  /** Occurrences whose target is a `schedule.fired` event, to publish after the commit. */
  events: FiredEvent[];
  /** Whether executions or tasks were queued (the workers should look). */
  queued: boolean;
}

/** When a `queue` occurrence waits for the previous run, how soon its schedule is looked at again. */
const QUEUE_RECHECK_MS = 250;

/**
 * Claims one batch of due schedules and fires their occurrences, all in one transaction: each
 * occurrence's run row (unique per schedule and planned time), the execution or task it starts and
 * the schedule's next occurrence commit together or not at all. A process killed mid-way leaves
 * the schedules due and unlocked for another process; one that retries a claim finds the run rows
 * written and starts nothing twice.
 */
export async function fireDueSchedules(deps: {
  sql: SqlClient;
  store: ScheduleStore;
  targets: FireTargets;
  now: number;
  graceMs: number;
  batchSize: number;
}): Promise<FireResult> {
  const { store, targets, now } = deps;
  return deps.sql.transaction(async (tx) => {
    const claimed = await store.claimDue(tx, now, deps.batchSize);
    const result: FireResult = { claimed: claimed.length, started: 0, skipped: 0, missed: 0, events: [], queued: false };
    const runs: (NewRun & { id: string; schedule: ScheduleRecord; task?: NewJob })[] = [];
    const advances: ScheduleAdvance[] = [];
    const workflowIds = [...new Set(claimed.map((s) => s.workflowId).filter((id): id is string => id !== null))];
    const versions = workflowIds.length > 0 ? await targets.workflowVersions(tx, workflowIds) : new Map<string, number>();
    for (const schedule of claimed) {
      const occurrences = occurrencesOf(schedule.timing, schedule.timezone, schedule.createdAt.getTime());
      const plan = planOccurrences({ nextRunAt: schedule.nextRunAt!, now, graceMs: deps.graceMs, policy: schedule.policy, occurrences });
      result.missed += plan.missed;
      let fire = plan.fire;
      let next = plan.next;
      const { overlap } = schedule.policy;
      const busy = overlap !== 'allow' && fire.length > 0 && schedule.lastRunId !== null && (await store.isRunGoing(tx, schedule.lastRunId));
      if (busy && overlap === 'queue') {
        // The oldest chosen occurrence waits for the previous run; nothing is written until it can start.
        advances.push({ id: schedule.id, nextRunAt: fire[0]!, dueAt: now + QUEUE_RECHECK_MS, lastRunId: null });
        continue;
      }
      if (overlap === 'queue' && fire.length > 1) {
        // One at a time: the next chosen one waits for this one.
        next = fire[1]!;
        fire = fire.slice(0, 1);
      }
      const task = schedule.workflowId ? undefined : targets.taskOf(schedule);
      const target: RunTarget = schedule.workflowId ? 'execution' : task ? 'task' : 'event';
      const reason = busy ? 'overlap' : target === 'execution' && !versions.has(schedule.workflowId!) ? 'workflow_not_found' : null;
      let lastRunId: string | null = null;
      for (const plannedAt of fire) {
        const id = newId(now);
        // The execution or task gets its id now, so the run row names it from the start.
        const targetId = reason === null && target !== 'event' ? newId(now) : null;
        runs.push({ id, schedule, scheduleId: schedule.id, plannedAt, firedAt: now, status: reason ? 'skipped' : 'started', reason, target, targetId, ...(task ? { task } : {}) });
        if (!reason) lastRunId = id;
      }
      advances.push({ id: schedule.id, nextRunAt: next, dueAt: next === null ? null : next + jitterMs(schedule, next), lastRunId });
    }
    const inserted = await store.insertRuns(tx, runs);
    const executions: Parameters<FireTargets['startExecutions']>[1] = [];
    const tasks: (NewJob & { id: string })[] = [];
    for (const run of runs) {
      if (!inserted.has(run.id)) continue; // written before: this occurrence already fired
      if (run.status === 'skipped') {
        result.skipped += 1;
        continue;
      }
      result.started += 1;
      const { schedule } = run;
      if (run.target === 'execution') {
        const trigger = { type: 'schedule', schedule_id: schedule.id, run_id: run.id, planned_at: new Date(run.plannedAt).toISOString() };
        executions.push({ id: run.targetId!, workflowId: schedule.workflowId!, version: versions.get(schedule.workflowId!)!, input: schedule.payload ?? {}, trigger });
      } else if (run.target === 'task') {
        tasks.push({ ...run.task!, id: run.targetId! });
      } else {
        result.events.push({ schedule, runId: run.id, plannedAt: run.plannedAt });
      }
    }
    if (executions.length > 0) await targets.startExecutions(tx, executions);
    if (tasks.length > 0) await targets.enqueueTasks(tx, tasks);
    result.queued = executions.length + tasks.length > 0;
    // Advances only after the runs, so a retried claim that finds its runs written still moves on.
    await store.advance(tx, advances);
    return result;
  });
}

/** A fixed offset in [0, jitter) for one occurrence: the same on every process and every retry. */
export function jitterMs(schedule: Pick<ScheduleRecord, 'id' | 'policy'>, plannedAt: number): number {
  const span = Math.round(schedule.policy.jitter_seconds * 1000);
  if (span === 0) return 0;
  const digest = createHash('sha256').update(`${schedule.id}:${plannedAt}`).digest();
  return digest.readUInt32BE(0) % span;
}
