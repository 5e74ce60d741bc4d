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
  /** Writes an execution (and its job) of the workflow's latest version; undefined when the workflow is gone. */
  startExecution(tx: SqlQueries, execution: Omit<NewExecution, 'version'>): Promise<string | undefined>;
  /** Turns a schedule's payload into the background task it names, or undefined when it names none. */
  taskOf(schedule: ScheduleRecord): NewJob | undefined;
  enqueueTask(tx: SqlQueries, job: NewJob): Promise<string>;
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
    const runs: (NewRun & { id: string; schedule: ScheduleRecord })[] = [];
    const advances: ScheduleAdvance[] = [];
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
      const target = targetOf(schedule, targets);
      let lastRunId: string | null = null;
      for (const plannedAt of fire) {
        const id = newId(now);
        runs.push({ id, schedule, scheduleId: schedule.id, plannedAt, firedAt: now, status: busy ? 'skipped' : 'started', reason: busy ? 'overlap' : null, target, targetId: null });
        if (!busy) lastRunId = id;
      }
      advances.push({ id: schedule.id, nextRunAt: next, dueAt: next === null ? null : next + jitterMs(schedule, next), lastRunId });
    }
    const inserted = await store.insertRuns(tx, runs);
    for (const run of runs) {
      if (!inserted.has(run.id)) continue; // written before: this occurrence already fired
      if (run.status === 'skipped') {
        result.skipped += 1;
        continue;
      }
      result.started += 1;
      const { schedule } = run;
      const trigger = { type: 'schedule', schedule_id: schedule.id, run_id: run.id, planned_at: new Date(run.plannedAt).toISOString() };
      if (run.target === 'execution') {
        const executionId = await targets.startExecution(tx, { workflowId: schedule.workflowId!, input: schedule.payload ?? {}, trigger });
        if (executionId) await store.setRunTarget(tx, run.id, executionId);
        result.queued = true;
      } else if (run.target === 'task') {
        const jobId = await targets.enqueueTask(tx, targets.taskOf(schedule)!);
        await store.setRunTarget(tx, run.id, jobId);
        result.queued = true;
      } else {
        result.events.push({ schedule, runId: run.id, plannedAt: run.plannedAt });
      }
    }
    // Advances only after the runs, so a retried claim that finds its runs written still moves on.
    await store.advance(tx, advances);
    return result;
  });
}

function targetOf(schedule: ScheduleRecord, targets: FireTargets): RunTarget {
  if (schedule.workflowId) return 'execution';
  return targets.taskOf(schedule) ? 'task' : 'event';
}

/** A fixed offset in [0, jitter) for one occurrence: the same on every process and every retry. */
export function jitterMs(schedule: Pick<ScheduleRecord, 'id' | 'policy'>, plannedAt: number): number {
  const span = Math.round(schedule.policy.jitter_seconds * 1000);
  if (span === 0) return 0;
  const digest = createHash('sha256').update(`${schedule.id}:${plannedAt}`).digest();
  return digest.readUInt32BE(0) % span;
}
