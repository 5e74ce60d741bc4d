import { executionJob } from '../executions/execution-job.js';
import { priorityRank } from '../queue/job-types.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import type { WaitKind } from './wait-step-types.js';

/** The queue `run_at` of a parked execution with no deadline: the latest time a Date can hold. */
export const NEVER = 8_640_000_000_000_000;

/** A step parked until a time, an event or a decision, as stored in `execution_waits`. */
export interface WaitRecord {
  executionId: string;
  stepId: string;
  kind: WaitKind;
  status: 'waiting' | 'resolved';
  /** When it times out (or, for `until`, falls due), epoch ms; null: never. */
  wakeAt: number | null;
  eventType: string | null;
  match: Record<string, unknown> | null;
  approvers: string[] | null;
  message: string | null;
  /** The step's output once resolved. */
  outcome: Record<string, unknown> | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export type NewWait = Pick<WaitRecord, 'executionId' | 'stepId' | 'kind' | 'wakeAt' | 'eventType' | 'match' | 'approvers' | 'message'>;

export type WaitStore = ReturnType<typeof createWaitStore>;

/**
 * The wake-up rows of waiting steps, and the parking of their executions. A parked execution's
 * queue job goes back to `queued` with `run_at` at its earliest deadline, so the queue's claim
 * (`FOR UPDATE SKIP LOCKED` on Postgres) is the timer: exactly one process resumes it. Resolving
 * a wait (a decision, an event, a timeout) is one conditional update, so only the first counts,
 * and it moves the job's `run_at` to now in the same transaction.
 */
export function createWaitStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): WaitRecord => ({
    executionId: row.execution_id as string,
    stepId: row.step_id as string,
    kind: row.kind as WaitKind,
    status: row.status as WaitRecord['status'],
    wakeAt: row.wake_at === null ? null : sql.fromInt(row.wake_at),
    eventType: (row.event_type as string | null) ?? null,
    match: sql.fromJson(row.match),
    approvers: sql.fromJson(row.approvers),
    message: (row.message as string | null) ?? null,
    outcome: sql.fromJson(row.outcome),
    createdAt: sql.fromDate(row.created_at)!,
    resolvedAt: sql.fromDate(row.resolved_at),
  });

  async function get(executionId: string, stepId: string, q: SqlQueries = sql): Promise<WaitRecord | undefined> {
    const row = await q.get('SELECT * FROM execution_waits WHERE execution_id = ? AND step_id = ?', [executionId, stepId]);
    return row ? toRecord(row) : undefined;
  }

  return {
    get,

    /** Writes the wake-up row (once: a resumed run finds the one it wrote before) and returns the row as stored. */
    async open(wait: NewWait): Promise<WaitRecord> {
      await sql.run(
        `INSERT INTO execution_waits (execution_id, step_id, kind, status, wake_at, event_type, match, approvers, message, created_at)
         VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id, step_id) DO NOTHING`,
        [wait.executionId, wait.stepId, wait.kind, wait.wakeAt, wait.eventType, wait.match, wait.approvers, wait.message, new Date()],
      );
      return (await get(wait.executionId, wait.stepId))!;
    },

    /**
     * Resolves a waiting step with `outcome` (its output) and makes its execution's job due now.
     * False when it was no longer waiting (someone else resolved it first).
     */
    async resolve(executionId: string, stepId: string, outcome: Record<string, unknown>): Promise<boolean> {
      return sql.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE execution_waits SET status = 'resolved', outcome = ?, resolved_at = ? WHERE execution_id = ? AND step_id = ? AND status = 'waiting'`,
          [outcome, new Date(), executionId, stepId],
        );
        if (changed === 0) return false;
        await tx.run(`UPDATE jobs SET run_at = ? WHERE id = ? AND status = 'queued'`, [Date.now(), executionId]);
        return true;
      });
    },

    /** Waits for events of any of `types`, oldest first. */
    async waitingForEvents(types: readonly string[], limit = 500): Promise<WaitRecord[]> {
      if (types.length === 0) return [];
      const rows = await sql.all(
        `SELECT * FROM execution_waits WHERE status = 'waiting' AND event_type IN (${types.map(() => '?').join(', ')}) ORDER BY created_at LIMIT ?`,
        [...types, limit],
      );
      return rows.map(toRecord);
    },

    /** The event types some step waits for now. */
    async awaitedEventTypes(): Promise<string[]> {
      const rows = await sql.all<{ event_type: string }>(`SELECT DISTINCT event_type FROM execution_waits WHERE status = 'waiting' AND kind = 'event'`);
      return rows.map((row) => row.event_type);
    },

    /** Approvals still open, oldest first (the approvals inbox). */
    async openApprovals(limit: number): Promise<WaitRecord[]> {
      const rows = await sql.all(
        `SELECT w.* FROM execution_waits w JOIN executions e ON e.id = w.execution_id
         WHERE w.status = 'waiting' AND w.kind = 'approval' AND e.status IN ('queued', 'running', 'waiting') ORDER BY w.created_at LIMIT ?`,
        [limit],
      );
      return rows.map(toRecord);
    },

    /**
     * Parks a running execution: `waiting`, its job (held by `workerId`; written now when
     * `jobStored` is false, for a run held by an `unstoredJob`) back in the queue, due at
     * the earliest deadline of the waits of `stepIds` (its steps waiting in this run), or now if one
     * was resolved meanwhile. The waits are
     * read after the job is queued, so a decision committed at any moment is never missed: either
     * this read sees it, or its own job update runs after this one and finds the job queued.
     */
    async park(executionId: string, workerId: string, stepIds: readonly string[], jobStored = true): Promise<{ parked: boolean; runAt: number }> {
      return sql.transaction(async (tx) => {
        const held = jobStored
          ? await tx.run(
            `UPDATE jobs SET status = 'queued', run_at = ?, locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ? AND status = 'running'`,
            [NEVER, executionId, workerId],
          )
          : await insertParkedJob(tx, executionId);
        // Another worker took the job over (this one lost its lease): the execution is its business now.
        if (held === 0) return { parked: false, runAt: NEVER };
        await tx.run(`UPDATE executions SET status = 'waiting' WHERE id = ? AND status IN ('queued', 'running')`, [executionId]);
        const waits = (await tx.all(`SELECT * FROM execution_waits WHERE execution_id = ?`, [executionId])).map(toRecord);
        const runAt = parkUntil(waits.filter((wait) => stepIds.includes(wait.stepId)), Date.now());
        if (runAt !== NEVER) await tx.run(`UPDATE jobs SET run_at = ? WHERE id = ?`, [runAt, executionId]);
        return { parked: true, runAt };
      });
    },
  };
}

/** Queues the job of a parked execution that had none (see `unstoredJob`). */
function insertParkedJob(tx: SqlQueries, executionId: string): Promise<number> {
  const job = executionJob(executionId);
  return tx.run(
    `INSERT INTO jobs (id, kind, name, task_type, priority, status, payload, attempts, max_retries, run_at, cancel_requested, created_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, 1, 0, ?, ?, ?)`,
    [job.id, job.kind, job.name, job.taskType, priorityRank.normal, { execution_id: executionId }, NEVER, false, new Date()],
  );
}

/** When a parked execution must run again: now if one of its waits is already resolved, else at the earliest deadline; NEVER without one. */
export function parkUntil(waits: readonly Pick<WaitRecord, 'status' | 'wakeAt'>[], now: number): number {
  let runAt = NEVER;
  for (const wait of waits) {
    if (wait.status === 'resolved') runAt = Math.min(runAt, now);
    else if (wait.wakeAt !== null) runAt = Math.min(runAt, wait.wakeAt);
  }
  return runAt;
}
