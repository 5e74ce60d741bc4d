import { newId } from '../storage/new-id.js';
import { whereClause } from '../storage/where-clause.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import { priorityName, priorityRank, type JobClaim, type JobKind, type JobRecord, type JobStats, type JobStatus, type NewJob } from './job-types.js';

/**
 * The durable queue over the `jobs` table.
 *
 * Why not pg-boss: the same queue must run on SQLite (desktop) and Postgres (server), and an
 * execution row and its job must be written in one transaction with the rest of our data. A claim
 * is one statement: on Postgres `FOR UPDATE SKIP LOCKED` lets several processes claim disjoint
 * jobs without blocking each other; on SQLite one process owns the file. Each claim sets a lease
 * (`locked_until`); a job whose lease ran out (its worker died) is claimed again by anyone.
 */
export type JobStore = ReturnType<typeof createJobStore>;

export function createJobStore(sql: SqlClient) {
  // Postgres answers the OR with a bitmap scan of the claim index and skips rows other processes
  // hold; SQLite would scan the whole table for the OR, so it gets two indexed lookups instead.
  const due = sql.dialect === 'postgres'
    ? `SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= ?) OR (status = 'running' AND locked_until < ?)
       ORDER BY priority DESC, run_at ASC, id ASC LIMIT ? FOR UPDATE SKIP LOCKED`
    : `SELECT id FROM (
         SELECT id, priority, run_at FROM jobs WHERE status = 'queued' AND run_at <= ?
         UNION ALL SELECT id, priority, run_at FROM jobs WHERE status = 'running' AND locked_until < ?)
       ORDER BY priority DESC, run_at ASC, id ASC LIMIT ?`;
  const claimSql = `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1,
      started_at = COALESCE(started_at, ?)
    WHERE id IN (${due})
    RETURNING *`;

  const toRecord = (row: Record<string, unknown>): JobRecord => ({
    id: row.id as string,
    kind: row.kind as JobKind,
    name: row.name as string,
    taskType: row.task_type as string,
    priority: priorityName(sql.fromInt(row.priority)),
    status: row.status as JobStatus,
    payload: sql.fromJson(row.payload),
    result: sql.fromJson(row.result),
    error: sql.fromJson(row.error),
    attempts: sql.fromInt(row.attempts),
    maxRetries: sql.fromInt(row.max_retries),
    timeoutMs: row.timeout_ms === null ? null : sql.fromInt(row.timeout_ms),
    runAt: new Date(sql.fromInt(row.run_at)),
    lockedBy: (row.locked_by as string | null) ?? null,
    lockedUntil: row.locked_until === null ? null : new Date(sql.fromInt(row.locked_until)),
    cancelRequested: sql.fromBool(row.cancel_requested),
    createdAt: sql.fromDate(row.created_at)!,
    startedAt: sql.fromDate(row.started_at),
    finishedAt: sql.fromDate(row.finished_at),
  });

  const insertSql = `INSERT INTO jobs (id, kind, name, task_type, priority, status, payload, attempts, max_retries, timeout_ms,
      run_at, cancel_requested, created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?, ?)`;

  const insertClaimedSql = `INSERT INTO jobs (id, kind, name, task_type, priority, status, payload, attempts, max_retries, timeout_ms,
      run_at, cancel_requested, created_at, locked_by, locked_until, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`;

  async function insertClaimed(q: SqlQueries, job: NewJob, claim: JobClaim): Promise<JobRecord> {
    const id = job.id ?? newId();
    const now = Date.now();
    const createdAt = new Date(now);
    const lockedUntil = now + claim.leaseMs;
    await q.run(insertClaimedSql, [
      id, job.kind, job.name, job.taskType, priorityRank[job.priority ?? 'normal'], job.payload ?? null, job.maxRetries ?? 0,
      job.timeoutMs ?? null, now, false, createdAt, claim.workerId, lockedUntil, createdAt,
    ]);
    return {
      id, kind: job.kind, name: job.name, taskType: job.taskType, priority: job.priority ?? 'normal', status: 'running',
      payload: job.payload ?? null, result: null, error: null, attempts: 1, maxRetries: job.maxRetries ?? 0, timeoutMs: job.timeoutMs ?? null,
      runAt: createdAt, lockedBy: claim.workerId, lockedUntil: new Date(lockedUntil), cancelRequested: false, createdAt, startedAt: createdAt,
      finishedAt: null,
    };
  }

  async function insert(q: SqlQueries, job: NewJob): Promise<string> {
    const id = job.id ?? newId();
    await q.run(insertSql, [
      id, job.kind, job.name, job.taskType, priorityRank[job.priority ?? 'normal'], job.payload ?? null, job.maxRetries ?? 0,
      job.timeoutMs ?? null, job.runAt ?? Date.now(), false, new Date(),
    ]);
    return id;
  }

  return {
    /** Adds a job; pass `tx` to make it part of a larger transaction. */
    enqueue: (job: NewJob, tx: SqlQueries = sql) => insert(tx, job),

    /**
     * Adds a job already claimed by `claim.workerId`, due now, for a process that runs it at once:
     * no claim round trip. If the process dies, the lease lapses and any worker takes it over.
     */
    enqueueClaimed: (job: NewJob, claim: JobClaim, tx: SqlQueries = sql) => insertClaimed(tx, job, claim),

    /** Adds several jobs within `tx`, 500 rows per statement. */
    async enqueueBatch(batch: readonly (NewJob & { id: string })[], tx: SqlQueries): Promise<void> {
      const createdAt = new Date();
      for (let start = 0; start < batch.length; start += 500) {
        const chunk = batch.slice(start, start + 500);
        await tx.run(
          `INSERT INTO jobs (id, kind, name, task_type, priority, status, payload, attempts, max_retries, timeout_ms, run_at, cancel_requested, created_at)
           VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?, ?)").join(', ')}`,
          chunk.flatMap((job) => [job.id, job.kind, job.name, job.taskType, priorityRank[job.priority ?? 'normal'], job.payload ?? null, job.maxRetries ?? 0,
            job.timeoutMs ?? null, job.runAt ?? Date.now(), false, createdAt]),
        );
      }
    },

    /** Adds several jobs in one transaction; all or none. */
    enqueueMany: (jobs: readonly NewJob[]) => sql.transaction(async (tx) => {
      const ids: string[] = [];
      for (const job of jobs) ids.push(await insert(tx, job));
      return ids;
    }),

    /** Claims up to `limit` due jobs for `workerId`, highest priority first, leased for `leaseMs`. */
    async claim(workerId: string, limit: number, leaseMs: number): Promise<JobRecord[]> {
      const now = Date.now();
      const rows = await sql.all(claimSql, [workerId, now + leaseMs, new Date(now), now, now, limit]);
      return rows.map(toRecord).sort((a, b) => priorityRank[b.priority] - priorityRank[a.priority] || a.runAt.getTime() - b.runAt.getTime());
    },

    /** Extends the lease of jobs this worker still holds; returns how many it still holds. */
    async renew(workerId: string, ids: readonly string[], leaseMs: number): Promise<number> {
      if (ids.length === 0) return 0;
      return sql.run(
        `UPDATE jobs SET locked_until = ? WHERE locked_by = ? AND status = 'running' AND id IN (${ids.map(() => '?').join(', ')})`,
        [Date.now() + leaseMs, workerId, ...ids],
      );
    },

    /** Marks a held job done (keeping `locked_by` as the worker that ran it); false when this worker no longer holds it. */
    async finish(id: string, workerId: string, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; result?: unknown; error?: { code: string; message: string } }, tx: SqlQueries = sql): Promise<boolean> {
      const changed = await tx.run(
        `UPDATE jobs SET status = ?, result = ?, error = ?, finished_at = ?, locked_until = NULL
         WHERE id = ? AND locked_by = ? AND status = 'running'`,
        [outcome.status, outcome.result ?? null, outcome.error ?? null, new Date(), id, workerId],
      );
      return changed === 1;
    },

    /** Puts a held job back in the queue to run again at `runAt` (a retry after backoff). */
    async retryLater(id: string, workerId: string, runAt: number, error: { code: string; message: string }): Promise<boolean> {
      const changed = await sql.run(
        `UPDATE jobs SET status = 'queued', run_at = ?, error = ?, locked_by = NULL, locked_until = NULL
         WHERE id = ? AND locked_by = ? AND status = 'running'`,
        [runAt, error, id, workerId],
      );
      return changed === 1;
    },

    /** Cancels queued jobs at once and asks running ones to stop. Returns the ids it affected. */
    async cancel(ids: readonly string[]): Promise<{ cancelled: string[]; requested: string[] }> {
      if (ids.length === 0) return { cancelled: [], requested: [] };
      const list = ids.map(() => '?').join(', ');
      return sql.transaction(async (tx) => {
        const cancelled = await tx.all<{ id: string }>(
          `UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE status = 'queued' AND id IN (${list}) RETURNING id`,
          [new Date(), ...ids],
        );
        const requested = await tx.all<{ id: string }>(
          `UPDATE jobs SET cancel_requested = ? WHERE status = 'running' AND id IN (${list}) RETURNING id`,
          [true, ...ids],
        );
        return { cancelled: cancelled.map((r) => r.id), requested: requested.map((r) => r.id) };
      });
    },

    /** Cancels one job if it is still queued (within `tx`); true when it was. */
    async cancelQueued(id: string, tx: SqlQueries = sql): Promise<boolean> {
      return (await tx.run(`UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'`, [new Date(), id])) === 1;
    },

    /** Whether a cancel was requested for a running job. */
    async isCancelRequested(id: string): Promise<boolean> {
      const row = await sql.get<{ cancel_requested: unknown }>('SELECT cancel_requested FROM jobs WHERE id = ?', [id]);
      return row ? sql.fromBool(row.cancel_requested) : true;
    },

    /**
     * Makes every running job claimable at once. Only for SQLite at start-up: one process owns the
     * file, so a job still marked running was held by a process that died.
     */
    async releaseAll(): Promise<number> {
      return sql.run("UPDATE jobs SET locked_until = 0 WHERE status = 'running'");
    },

    /** Which of these running jobs were asked to stop. */
    async cancelRequestedAmong(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await sql.all<{ id: string }>(`SELECT id FROM jobs WHERE cancel_requested = ? AND id IN (${ids.map(() => '?').join(', ')})`, [true, ...ids]);
      return rows.map((row) => row.id);
    },

    async get(id: string): Promise<JobRecord | undefined> {
      const row = await sql.get('SELECT * FROM jobs WHERE id = ?', [id]);
      return row ? toRecord(row) : undefined;
    },

    /** Newest first; `before` is the id of the last job of the previous page. */
    async list(filter: { kind?: JobKind; status?: JobStatus; limit: number; before?: string }): Promise<JobRecord[]> {
      const where = whereClause([['kind = ?', filter.kind], ['status = ?', filter.status], ['id < ?', filter.before]]);
      const rows = await sql.all(`SELECT * FROM jobs ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
      return rows.map(toRecord);
    },

    /** The earliest `run_at` of a queued job, to know how long a worker may sleep. */
    async nextRunAt(): Promise<number | null> {
      const row = await sql.get<{ next: unknown }>("SELECT MIN(run_at) AS next FROM jobs WHERE status = 'queued'");
      return row?.next === null || row?.next === undefined ? null : sql.fromInt(row.next);
    },

    async stats(kind?: JobKind): Promise<JobStats> {
      const filter = kind ? 'WHERE kind = ?' : '';
      const params = kind ? [kind] : [];
      const counts = await sql.all<{ status: JobStatus; n: unknown }>(`SELECT status, COUNT(*) AS n FROM jobs ${filter} GROUP BY status`, params);
      const recent = await sql.all(
        `SELECT created_at, started_at, finished_at FROM jobs ${filter ? `${filter} AND` : 'WHERE'} status IN ('succeeded', 'failed') AND started_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT 1000`,
        params,
      );
      const stats: JobStats = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, meanWaitMs: null, meanRunMs: null };
      for (const { status, n } of counts) stats[status] = sql.fromInt(n);
      if (recent.length > 0) {
        let wait = 0;
        let run = 0;
        for (const row of recent) {
          const created = sql.fromDate(row.created_at)!.getTime();
          const started = sql.fromDate(row.started_at)!.getTime();
          wait += started - created;
          run += sql.fromDate(row.finished_at)!.getTime() - started;
        }
        stats.meanWaitMs = Math.round(wait / recent.length);
        stats.meanRunMs = Math.round(run / recent.length);
      }
      return stats;
    },
  };
}
