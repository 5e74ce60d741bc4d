import type { JobStore } from '../queue/job-store.js';
import { priorityRank, unstoredJob, type JobRecord } from '../queue/job-types.js';
import { firstIdAt, newId } from '../storage/new-id.js';
import { whereClause } from '../storage/where-clause.js';
import type { SqlClient, SqlQueries } from '../storage/sql-client.js';
import { workflowAnalytics } from './execution-analytics.js';
import { executionJob } from './execution-job.js';
import { executionFromRow, jsonParam } from './execution-rows.js';
import type { ExecutionRecord, ExecutionStatus, NewExecution, StoredError } from './execution-types.js';
import { createStepStore, writeCarriedSteps, writePrepared, type PreparedStep } from './step-store.js';

export type ExecutionStore = ReturnType<typeof createExecutionStore>;

/** Which executions `list` returns. `from`/`to` bound the creation time (both included). */
export interface ExecutionFilter {
  workflowId?: string | undefined;
  status?: ExecutionStatus | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  /** The id of the last execution of the previous page. */
  before?: string | undefined;
}

/** A workflow's newest execution, as lists show it beside the workflow. */
export type LatestExecution = Pick<ExecutionRecord, 'id' | 'workflowId' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt'>;

/**
 * Executions and their steps (see `createStepStore`). Every state change is one transaction, so a
 * crash leaves each execution at its last committed step. An execution's queue job has its id.
 */
export function createExecutionStore(sql: SqlClient, jobs: JobStore, options: { inlineOutputLimit?: number } = {}) {
  const get = async (id: string): Promise<ExecutionRecord | undefined> => {
    const row = await sql.readTogether((q) => q.get('SELECT * FROM executions WHERE id = ?', [id]));
    return row ? executionFromRow(sql, row) : undefined;
  };

  const steps = createStepStore(sql, options);

  // Step rows and results, listed here so the whole store reads in one place.
  return {
    prepareStep: steps.prepareStep,
    startStep: steps.startStep,
    finishStep: steps.finishStep,
    writeSteps: steps.writeSteps,
    steps: steps.steps,
    step: steps.step,
    allSteps: steps.allSteps,
    blob: steps.blob,

    /** Writes the execution, its carried-over steps and its queue job (unless `claim` says not to store it) in one transaction. */
    async create(execution: NewExecution): Promise<ExecutionRecord & { job?: JobRecord }> {
      const now = new Date();
      // The id carries the creation time to the millisecond, which `list` relies on for `from`/`to`.
      const id = newId(now.getTime());
      const job = await sql.batch(async (tx) => {
        await tx.run(
          `INSERT INTO executions (id, workflow_id, version, status, input, trigger, parent_execution_id, parent_step_id, rerun_of,
             cancel_requested, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
          [id, execution.workflowId, execution.version, jsonParam(execution.input ?? {}), jsonParam(execution.trigger ?? null),
            execution.parentExecutionId ?? null, execution.parentStepId ?? null, execution.rerunOf ?? null, false, now],
        );
        if (execution.carriedSteps) await writeCarriedSteps(tx, id, execution.carriedSteps);
        if (execution.enqueue === false) return undefined;
        const newJob = executionJob(id, execution.priority);
        if (execution.claim?.lease === false) return unstoredJob(newJob, execution.claim.workerId);
        if (execution.claim) return jobs.enqueueClaimed(newJob, execution.claim, tx);
        await jobs.enqueue(newJob, tx);
        return undefined;
      });
      const created: ExecutionRecord & { job?: JobRecord } = {
        id, workflowId: execution.workflowId, version: execution.version, status: 'queued', input: execution.input ?? {}, output: null,
        error: null, trigger: execution.trigger ?? null, parentExecutionId: execution.parentExecutionId ?? null,
        parentStepId: execution.parentStepId ?? null, rerunOf: execution.rerunOf ?? null, cancelRequested: false, createdAt: now,
        startedAt: null, finishedAt: null,
      };
      if (job) created.job = job;
      return created;
    },

    /**
     * Writes queued executions with the ids given (which must carry their creation time, see
     * `newId`) and their jobs within `tx`, a few statements for the whole batch.
     */
    async createBatch(batch: readonly (Pick<NewExecution, 'workflowId' | 'version' | 'input' | 'trigger'> & { id: string })[], tx: SqlQueries): Promise<void> {
      const now = new Date();
      for (let start = 0; start < batch.length; start += 500) {
        const chunk = batch.slice(start, start + 500);
        await tx.run(
          `INSERT INTO executions (id, workflow_id, version, status, input, trigger, cancel_requested, created_at)
           VALUES ${chunk.map(() => "(?, ?, ?, 'queued', ?, ?, ?, ?)").join(', ')}`,
          chunk.flatMap((e) => [e.id, e.workflowId, e.version, jsonParam(e.input ?? {}), jsonParam(e.trigger ?? null), false, now]),
        );
      }
      await jobs.enqueueBatch(batch.map((e) => executionJob(e.id)), tx);
    },

    get,

    /**
     * Newest first. Every filter is answered from an index: `idx_executions_workflow` and
     * `idx_executions_status` hold the id after the filtered column, and since ids sort by creation
     * time, `from`/`to` become a range of the key.
     */
    async list(filter: ExecutionFilter): Promise<ExecutionRecord[]> {
      const where = whereClause([
        ['workflow_id = ?', filter.workflowId],
        ['status = ?', filter.status],
        ['id >= ?', filter.from && firstIdAt(filter.from.getTime())],
        ['id < ?', filter.to && firstIdAt(filter.to.getTime() + 1)],
        ['id < ?', filter.before],
      ]);
      const rows = await sql.all(`SELECT * FROM executions ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
      return rows.map((row) => executionFromRow(sql, row));
    },

    /**
     * The newest execution of each workflow in `workflowIds` that has one, in one query: a
     * `MAX(id)` per workflow, each answered from the end of its `idx_executions_workflow` range
     * (ids sort by creation time), however many executions the workflow has.
     */
    async latestOfWorkflows(workflowIds: readonly string[]): Promise<Map<string, LatestExecution>> {
      const ids = [...new Set(workflowIds)];
      const latest = new Map<string, LatestExecution>();
      if (ids.length === 0) return latest;
      const rows = await sql.all(
        `SELECT id, workflow_id, status, created_at, started_at, finished_at FROM executions
         WHERE id IN (${ids.map(() => '(SELECT MAX(id) FROM executions WHERE workflow_id = ?)').join(', ')})`,
        ids,
      );
      for (const row of rows) {
        latest.set(row.workflow_id as string, {
          id: row.id as string,
          workflowId: row.workflow_id as string,
          status: row.status as ExecutionStatus,
          createdAt: sql.fromDate(row.created_at)!,
          startedAt: sql.fromDate(row.started_at),
          finishedAt: sql.fromDate(row.finished_at),
        });
      }
      return latest;
    },

    /** The execution a `workflow.call` step started, if it did. */
    async childOf(parentExecutionId: string, parentStepId: string): Promise<ExecutionRecord | undefined> {
      const row = await sql.get('SELECT * FROM executions WHERE parent_execution_id = ? AND parent_step_id = ? ORDER BY id LIMIT 1', [parentExecutionId, parentStepId]);
      return row ? executionFromRow(sql, row) : undefined;
    },

    /** How many executions descend from `rootId` through `workflow.call` steps, at any depth. */
    async countDescendants(rootId: string): Promise<number> {
      const row = await sql.get<{ n: unknown }>(
        `WITH RECURSIVE tree (id) AS (
           SELECT id FROM executions WHERE parent_execution_id = ?
           UNION ALL SELECT e.id FROM executions e JOIN tree t ON e.parent_execution_id = t.id)
         SELECT COUNT(*) AS n FROM tree`,
        [rootId],
      );
      return row ? sql.fromInt(row.n) : 0;
    },

    async markRunning(id: string, startedAt = new Date()): Promise<void> {
      await sql.run(`UPDATE executions SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued', 'running', 'waiting')`, [startedAt, id]);
    },

    /**
     * Ends an execution and its job together, with `steps` (results prepared but not yet
     * written). `workerId` must still hold the job; `jobStored` false for a run without a job row (`unstoredJob`).
     */
    async finish(
      id: string,
      workerId: string,
      result: { status: 'succeeded' | 'failed' | 'cancelled'; output?: unknown; error?: StoredError },
      startedAt?: Date,
      finishedAt = new Date(),
      steps: readonly PreparedStep[] = [],
      jobStored = true,
    ): Promise<boolean> {
      return sql.batch(async (tx) => {
        for (const step of steps) await writePrepared(tx, step);
        const changed = await tx.run(
          `UPDATE executions SET status = ?, output = ?, error = ?, finished_at = ?, started_at = COALESCE(started_at, ?)
           WHERE id = ? AND status NOT IN ('succeeded', 'failed', 'cancelled')`,
          [result.status, jsonParam(result.output ?? null), result.error ?? null, finishedAt, startedAt ?? finishedAt, id],
        );
        if (jobStored) await jobs.finish(id, workerId, { status: result.status, error: result.error ? { code: result.error.code, message: result.error.message } : undefined }, tx);
        return changed === 1;
      });
    },

    /**
     * Asks an execution to stop. A queued one is cancelled at once (with its job); a running one
     * is stopped by its worker at the next check. Returns the execution afterwards.
     */
    async requestCancel(id: string): Promise<ExecutionRecord | undefined> {
      await sql.transaction(async (tx) => {
        await tx.run(`UPDATE executions SET cancel_requested = ? WHERE id = ? AND status NOT IN ('succeeded', 'failed', 'cancelled')`, [true, id]);
        if (await jobs.cancelQueued(id, tx)) {
          await tx.run(`UPDATE executions SET status = 'cancelled', finished_at = ?, error = ? WHERE id = ?`, [new Date(), { code: 'cancelled', message: 'Cancelled before it started.' }, id]);
        }
      });
      return get(id);
    },

    /**
     * Queues a job for every unfinished top-level execution that has none: the runs a process
     * holding `unstoredJob`s left when it died. Only at start-up, and only where one process owns
     * the database (SQLite), since a live process's runs look just the same. A child execution is
     * resumed by its parent. Returns how many it queued.
     */
    async queueUnfinished(): Promise<number> {
      const now = new Date();
      return sql.run(
        `INSERT INTO jobs (id, kind, name, task_type, priority, status, payload, attempts, max_retries, run_at, cancel_requested, created_at)
         SELECT e.id, 'execution', 'execution ' || e.id, 'workflow.execution', ?, 'queued', '{"execution_id":"' || e.id || '"}', 0, 0, ?, ?, ?
         FROM executions e WHERE e.status IN ('queued', 'running', 'waiting') AND e.parent_execution_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = e.id)`,
        [priorityRank.normal, now.getTime(), false, now],
      );
    },

    /** A workflow's counts by status, durations and failing steps. */
    analytics: (workflowId: string, since?: Date) => workflowAnalytics(sql, workflowId, since),

    async isCancelRequested(id: string): Promise<boolean> {
      const row = await sql.get<{ cancel_requested: unknown }>('SELECT cancel_requested FROM executions WHERE id = ?', [id]);
      return row ? sql.fromBool(row.cancel_requested) : true;
    },
  };
}
