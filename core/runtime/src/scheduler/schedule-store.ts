import { newId } from '../storage/new-id.js';
import type { SqlClient, SqlParam, SqlQueries } from '../storage/sql-client.js';
import { whereClause } from '../storage/where-clause.js';
import type { ScheduleRecord, ScheduleRunRecord, ScheduleSource, ScheduleStatus } from './schedule-types.js';

export type ScheduleStore = ReturnType<typeof createScheduleStore>;

export type NewSchedule = Omit<ScheduleRecord, 'id' | 'createdAt' | 'updatedAt' | 'lastRunId'> & { id?: string; createdAt?: Date };
export type NewRun = Omit<ScheduleRunRecord, 'id'>;

/** One schedule's state after a claim: its next occurrence and last run. */
export interface ScheduleAdvance {
  id: string;
  nextRunAt: number | null;
  dueAt: number | null;
  lastRunId: string | null;
}

const RUN_COLUMNS = 8;

/** Schedules and their runs over the `schedules` and `schedule_runs` tables. */
export function createScheduleStore(sql: SqlClient) {
  const toRecord = (row: Record<string, unknown>): ScheduleRecord => ({
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as ScheduleRecord['kind'],
    timing: sql.fromJson(row.timing),
    timezone: row.timezone as string,
    workflowId: (row.workflow_id as string | null) ?? null,
    payload: sql.fromJson(row.payload),
    source: row.source as ScheduleSource,
    status: row.status as ScheduleStatus,
    policy: {
      missed_runs: row.missed_runs as ScheduleRecord['policy']['missed_runs'],
      missed_runs_cap: sql.fromInt(row.missed_runs_cap),
      overlap: row.overlap as ScheduleRecord['policy']['overlap'],
      jitter_seconds: sql.fromInt(row.jitter_ms) / 1000,
    },
    nextRunAt: row.next_run_at === null ? null : sql.fromInt(row.next_run_at),
    dueAt: row.due_at === null ? null : sql.fromInt(row.due_at),
    lastRunId: (row.last_run_id as string | null) ?? null,
    createdAt: sql.fromDate(row.created_at)!,
    updatedAt: sql.fromDate(row.updated_at)!,
  });
  const toRun = (row: Record<string, unknown>): ScheduleRunRecord => ({
    id: row.id as string,
    scheduleId: row.schedule_id as string,
    plannedAt: sql.fromInt(row.planned_at),
    firedAt: sql.fromInt(row.fired_at),
    status: row.status as ScheduleRunRecord['status'],
    reason: (row.reason as string | null) ?? null,
    target: row.target as ScheduleRunRecord['target'],
    targetId: (row.target_id as string | null) ?? null,
  });
  const columnsOf = (s: NewSchedule, id: string, now: Date): SqlParam[] => [
    id, s.name, s.kind, s.timing, s.timezone, s.workflowId, s.payload, s.source, s.status, s.policy.missed_runs, s.policy.missed_runs_cap,
    s.policy.overlap, Math.round(s.policy.jitter_seconds * 1000), s.nextRunAt, s.dueAt, s.createdAt ?? now, now,
  ];
  const insertColumns = `id, name, kind, timing, timezone, workflow_id, payload, source, status, missed_runs, missed_runs_cap, overlap, jitter_ms,
    next_run_at, due_at, created_at, updated_at`;

  return {
    toRecord,

    async insert(schedule: NewSchedule): Promise<ScheduleRecord> {
      const id = schedule.id ?? newId();
      await sql.run(`INSERT INTO schedules (${insertColumns}) VALUES (${Array(17).fill('?').join(', ')})`, columnsOf(schedule, id, new Date()));
      return (await this.get(id))!;
    },

    /** Creates or replaces the schedule a workflow's trigger owns (one per workflow), keeping its run history. */
    async upsertForWorkflow(schedule: NewSchedule & { workflowId: string }): Promise<ScheduleRecord> {
      const now = new Date();
      await sql.run(
        `INSERT INTO schedules (${insertColumns}) VALUES (${Array(17).fill('?').join(', ')})
         ON CONFLICT (workflow_id) WHERE source = 'workflow' DO UPDATE SET name = excluded.name, kind = excluded.kind, timing = excluded.timing,
           timezone = excluded.timezone, payload = excluded.payload, status = excluded.status, missed_runs = excluded.missed_runs,
           missed_runs_cap = excluded.missed_runs_cap, overlap = excluded.overlap, jitter_ms = excluded.jitter_ms,
           next_run_at = excluded.next_run_at, due_at = excluded.due_at, updated_at = excluded.updated_at`,
        columnsOf({ ...schedule, source: 'workflow' }, newId(), now),
      );
      return (await this.ofWorkflow(schedule.workflowId))!;
    },

    async ofWorkflow(workflowId: string): Promise<ScheduleRecord | undefined> {
      const row = await sql.get(`SELECT * FROM schedules WHERE workflow_id = ? AND source = 'workflow'`, [workflowId]);
      return row ? toRecord(row) : undefined;
    },

    async get(id: string): Promise<ScheduleRecord | undefined> {
      const row = await sql.get('SELECT * FROM schedules WHERE id = ?', [id]);
      return row ? toRecord(row) : undefined;
    },

    /** Newest first; `before` is the id of the last schedule of the previous page. */
    async list(filter: { status?: ScheduleStatus | undefined; workflowId?: string | undefined; limit: number; before?: string | undefined }): Promise<ScheduleRecord[]> {
      const where = whereClause([['status = ?', filter.status], ['workflow_id = ?', filter.workflowId], ['id < ?', filter.before]]);
      return (await sql.all(`SELECT * FROM schedules ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit])).map(toRecord);
    },

    async setState(id: string, state: { status: ScheduleStatus; nextRunAt: number | null; dueAt: number | null }): Promise<boolean> {
      return (await sql.run('UPDATE schedules SET status = ?, next_run_at = ?, due_at = ?, updated_at = ? WHERE id = ?', [state.status, state.nextRunAt, state.dueAt, new Date(), id])) === 1;
    },

    /** Deletes a schedule and its run history. */
    async remove(id: string): Promise<boolean> {
      return sql.transaction(async (tx) => {
        await tx.run('DELETE FROM schedule_runs WHERE schedule_id = ?', [id]);
        return (await tx.run('DELETE FROM schedules WHERE id = ?', [id])) === 1;
      });
    },

    /** Runs of one schedule, newest first. */
    async history(scheduleId: string, page: { limit: number; before?: string | undefined }): Promise<ScheduleRunRecord[]> {
      const where = whereClause([['schedule_id = ?', scheduleId], ['id < ?', page.before]]);
      return (await sql.all(`SELECT * FROM schedule_runs ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, page.limit])).map(toRun);
    },

    /**
     * Locks up to `limit` active schedules due at `now` for this transaction. On Postgres other
     * processes skip the locked rows and claim others; on SQLite one process owns the file.
     */
    async claimDue(tx: SqlQueries, now: number, limit: number): Promise<ScheduleRecord[]> {
      const lock = sql.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
      const rows = await tx.all(`SELECT * FROM schedules WHERE status = 'active' AND due_at <= ? ORDER BY due_at LIMIT ? ${lock}`, [now, limit]);
      return rows.map(toRecord);
    },

    /** Whether a run's execution or task is still queued, running or waiting. */
    async isRunGoing(tx: SqlQueries, runId: string): Promise<boolean> {
      const row = await tx.get<{ status: string | null }>(
        `SELECT COALESCE(e.status, j.status) AS status FROM schedule_runs r
           LEFT JOIN executions e ON r.target = 'execution' AND e.id = r.target_id
           LEFT JOIN jobs j ON r.target = 'task' AND j.id = r.target_id
         WHERE r.id = ?`,
        [runId],
      );
      return row?.status === 'queued' || row?.status === 'running' || row?.status === 'waiting';
    },

    /**
     * Writes runs; an occurrence already written (same schedule and planned time) is left alone.
     * Returns the ids of the rows this call wrote.
     */
    async insertRuns(tx: SqlQueries, runs: readonly (NewRun & { id: string })[]): Promise<Set<string>> {
      const inserted = new Set<string>();
      for (let start = 0; start < runs.length; start += 500) {
        const chunk = runs.slice(start, start + 500);
        const rows = await tx.all<{ id: string }>(
          `INSERT INTO schedule_runs (id, schedule_id, planned_at, fired_at, status, reason, target, target_id)
           VALUES ${chunk.map(() => `(${Array(RUN_COLUMNS).fill('?').join(', ')})`).join(', ')}
           ON CONFLICT (schedule_id, planned_at) DO NOTHING RETURNING id`,
          chunk.flatMap((r) => [r.id, r.scheduleId, r.plannedAt, r.firedAt, r.status, r.reason, r.target, r.targetId]),
        );
        for (const row of rows) inserted.add(row.id);
      }
      return inserted;
    },

    /** Moves claimed schedules on to their next occurrence, in one statement per 500. */
    async advance(tx: SqlQueries, advances: readonly ScheduleAdvance[]): Promise<void> {
      const now = new Date();
      for (let start = 0; start < advances.length; start += 500) {
        const chunk = advances.slice(start, start + 500);
        await tx.run(
          `UPDATE schedules SET next_run_at = v.column2, due_at = v.column3, last_run_id = COALESCE(v.column4, schedules.last_run_id), updated_at = ?
           FROM (VALUES ${chunk.map(() => '(CAST(? AS varchar(26)), CAST(? AS bigint), CAST(? AS bigint), CAST(? AS varchar(26)))').join(', ')}) AS v
           WHERE schedules.id = v.column1`,
          [now, ...chunk.flatMap((a) => [a.id, a.nextRunAt, a.dueAt, a.lastRunId])],
        );
      }
    },

    /** The earliest due time of an active schedule, to know how long the loop may sleep. */
    async nextDueAt(): Promise<number | null> {
      const row = await sql.get<{ next: unknown }>("SELECT MIN(due_at) AS next FROM schedules WHERE status = 'active'");
      return row?.next === null || row?.next === undefined ? null : sql.fromInt(row.next);
    },

    async counts(): Promise<{ active: number; paused: number; runsStarted: number; runsSkipped: number }> {
      const schedules = await sql.all<{ status: string; n: unknown }>('SELECT status, COUNT(*) AS n FROM schedules GROUP BY status');
      const runs = await sql.all<{ status: string; n: unknown }>('SELECT status, COUNT(*) AS n FROM schedule_runs GROUP BY status');
      const of = (rows: { status: string; n: unknown }[], status: string) => sql.fromInt(rows.find((r) => r.status === status)?.n ?? 0);
      return { active: of(schedules, 'active'), paused: of(schedules, 'paused'), runsStarted: of(runs, 'started'), runsSkipped: of(runs, 'skipped') };
    },

    /** Fire delays (fired minus planned, ms) of the latest `limit` started runs. */
    async recentDelays(limit: number): Promise<number[]> {
      const rows = await sql.all<{ d: unknown }>(`SELECT fired_at - planned_at AS d FROM schedule_runs WHERE status = 'started' ORDER BY id DESC LIMIT ?`, [limit]);
      return rows.map((r) => sql.fromInt(r.d));
    },
  };
}
