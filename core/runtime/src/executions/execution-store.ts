import { createHash } from 'node:crypto';
import { documentDraftSchema, type DocumentDraft } from '@dwc/sdk';
import type { JobStore } from '../queue/job-store.js';
import type { JobRecord } from '../queue/job-types.js';
import { newId } from '../storage/new-id.js';
import { whereClause } from '../storage/where-clause.js';
import { JsonText, type SqlClient, type SqlQueries } from '../storage/sql-client.js';
import type {
  ExecutionRecord,
  ExecutionStatus,
  NewExecution,
  StepOutcome,
  StepRecord,
  StepStatus,
  StoredError,
} from './execution-types.js';

export interface WorkflowAnalytics {
  total: number;
  byStatus: Record<string, number>;
  /** Succeeded over succeeded + failed; null before any ended. */
  successRate: number | null;
  meanDurationMs: number | null;
  p95DurationMs: number | null;
  lastRunAt: Date | null;
  stepFailures: { stepId: string; failures: number }[];
}

/** Step outputs larger than this (as JSON) go to the `blobs` table and are referenced. */
export const DEFAULT_INLINE_OUTPUT_LIMIT = 256 * 1024;

export type ExecutionStore = ReturnType<typeof createExecutionStore>;

/** Which step (or fan-out item) a result belongs to, and how it ran. */
export interface StepRef {
  executionId: string;
  workflowId: string;
  stepId: string;
  itemIndex: number;
  input: unknown;
  attempts: number;
  startedAt: Date | null;
}

/** A step result ready to write (see `prepareStep`). */
export interface PreparedStep {
  row: Omit<StepRecord, 'outputSizeBytes'>;
  blob: { id: string; json: string } | null;
  documents: { id: string; draft: DocumentDraft }[];
  workflowId: string;
  written: StepRecord;
  outputJsonLength: number;
}

/** What committing a step result gives back: the new documents' ids, any blob, and the row as `steps` reads it. */
export interface FinishedStep {
  documentIds: string[];
  outputBlobId: string | null;
  outputJsonLength: number;
  written: StepRecord;
}

export function finishedStep(prepared: PreparedStep): FinishedStep {
  return { documentIds: prepared.documents.map((d) => d.id), outputBlobId: prepared.blob?.id ?? null, outputJsonLength: prepared.outputJsonLength, written: prepared.written };
}

/**
 * Executions and their steps. Every state change is one transaction, so a crash leaves each
 * execution at its last committed step. An execution's queue job has the execution's id.
 */
export function createExecutionStore(sql: SqlClient, jobs: JobStore, options: { inlineOutputLimit?: number } = {}) {
  const inlineLimit = options.inlineOutputLimit ?? DEFAULT_INLINE_OUTPUT_LIMIT;

  const toExecution = (row: Record<string, unknown>): ExecutionRecord => ({
    id: row.id as string,
    workflowId: row.workflow_id as string,
    version: sql.fromInt(row.version),
    status: row.status as ExecutionStatus,
    input: sql.fromJson(row.input),
    output: sql.fromJson(row.output),
    error: sql.fromJson(row.error),
    trigger: sql.fromJson(row.trigger),
    parentExecutionId: (row.parent_execution_id as string | null) ?? null,
    parentStepId: (row.parent_step_id as string | null) ?? null,
    rerunOf: (row.rerun_of as string | null) ?? null,
    cancelRequested: sql.fromBool(row.cancel_requested),
    createdAt: sql.fromDate(row.created_at)!,
    startedAt: sql.fromDate(row.started_at),
    finishedAt: sql.fromDate(row.finished_at),
  });

  const toStep = (row: Record<string, unknown>): StepRecord => ({
    executionId: row.execution_id as string,
    stepId: row.step_id as string,
    itemIndex: sql.fromInt(row.item_index),
    status: row.status as StepStatus,
    attempts: sql.fromInt(row.attempts),
    input: sql.fromJson(row.input),
    output: row.output_blob_id ? undefined : sql.fromJson(row.output),
    outputBlobId: (row.output_blob_id as string | null) ?? null,
    outputSizeBytes: row.output_size === undefined || row.output_size === null ? null : sql.fromInt(row.output_size),
    error: sql.fromJson(row.error),
    startedAt: sql.fromDate(row.started_at),
    finishedAt: sql.fromDate(row.finished_at),
  });

  const stepColumns = `s.execution_id, s.step_id, s.item_index, s.status, s.attempts, s.input, s.output, s.output_blob_id, s.error,
    s.started_at, s.finished_at, b.size_bytes AS output_size`;

  async function writeStep(q: SqlQueries, step: Omit<StepRecord, 'outputSizeBytes'>): Promise<void> {
    await q.run(
      `INSERT INTO execution_steps (execution_id, step_id, item_index, status, attempts, input, output, output_blob_id, error, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (execution_id, step_id, item_index) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
         input = excluded.input, output = excluded.output, output_blob_id = excluded.output_blob_id, error = excluded.error,
         started_at = excluded.started_at, finished_at = excluded.finished_at`,
      [step.executionId, step.stepId, step.itemIndex, step.status, step.attempts, wrapJson(step.input), wrapJson(step.output),
        step.outputBlobId, step.error, step.startedAt, step.finishedAt],
    );
  }

  /**
   * A step result ready to write: pure, so the caller may write it now (`finishStep`) or with the
   * execution's end (`finish`). Throws on an invalid document draft.
   */
  function prepareStep(step: StepRef, outcome: StepOutcome): PreparedStep {
    const json = outcome.output === undefined || outcome.output === null ? null : JSON.stringify(outcome.output);
    const blob = json !== null && json.length > inlineLimit ? { id: newId(), json } : null;
    const row = {
      executionId: step.executionId, stepId: step.stepId, itemIndex: step.itemIndex, status: outcome.status, attempts: step.attempts,
      input: step.input, output: json === null || blob ? null : new JsonText(json), outputBlobId: blob?.id ?? null, error: outcome.error ?? null,
      startedAt: step.startedAt, finishedAt: new Date(),
    };
    const documents = (outcome.documents ?? []).map((raw) => ({ id: newId(), draft: documentDraftSchema.parse(raw) }));
    // What `steps` would read back for this row.
    const written: StepRecord = {
      executionId: row.executionId, stepId: row.stepId, itemIndex: row.itemIndex, status: row.status, attempts: row.attempts,
      input: step.input ?? null, output: blob ? undefined : (outcome.output ?? null), outputBlobId: row.outputBlobId,
      outputSizeBytes: blob ? Buffer.byteLength(blob.json) : null, error: row.error, startedAt: row.startedAt, finishedAt: row.finishedAt,
    };
    return { row, blob, documents, workflowId: step.workflowId, written, outputJsonLength: json?.length ?? 0 };
  }

  async function writePrepared(q: SqlQueries, step: PreparedStep): Promise<void> {
    const { row, blob } = step;
    if (blob) {
      await q.run('INSERT INTO blobs (id, execution_id, content, size_bytes, created_at) VALUES (?, ?, ?, ?, ?)', [blob.id, row.executionId, blob.json, Buffer.byteLength(blob.json), row.finishedAt]);
    }
    await writeStep(q, row);
    for (const { id, draft } of step.documents) {
      await q.run(
        `INSERT INTO documents (id, execution_id, workflow_id, step_id, parent_id, title, content, format, metadata, size_bytes, checksum, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, row.executionId, step.workflowId, row.stepId, draft.parentId ?? null, draft.title, draft.content, draft.format,
          draft.metadata, Buffer.byteLength(draft.content), createHash('sha256').update(draft.content).digest('hex'), new Date()],
      );
    }
  }

  return {
    /** Writes the execution, its carried-over steps and its queue job in one transaction. */
    async create(execution: NewExecution): Promise<ExecutionRecord & { job?: JobRecord }> {
      const id = newId();
      const now = new Date();
      const job = await sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO executions (id, workflow_id, version, status, input, trigger, parent_execution_id, parent_step_id, rerun_of,
             cancel_requested, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
          [id, execution.workflowId, execution.version, wrapJson(execution.input ?? {}), wrapJson(execution.trigger ?? null),
            execution.parentExecutionId ?? null, execution.parentStepId ?? null, execution.rerunOf ?? null, false, now],
        );
        for (const step of execution.carriedSteps ?? []) await writeStep(tx, { ...step, executionId: id });
        if (execution.enqueue === false) return undefined;
        const newJob = { id, kind: 'execution' as const, name: `execution ${id}`, taskType: 'workflow.execution', priority: execution.priority ?? 'normal', payload: { execution_id: id } };
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

    async get(id: string): Promise<ExecutionRecord | undefined> {
      const row = await sql.get('SELECT * FROM executions WHERE id = ?', [id]);
      return row ? toExecution(row) : undefined;
    },

    /** Newest first; `before` is the id of the last execution of the previous page. */
    async list(filter: { workflowId?: string; status?: ExecutionStatus; parentExecutionId?: string; limit: number; before?: string }): Promise<ExecutionRecord[]> {
      const where = whereClause([
        ['workflow_id = ?', filter.workflowId], ['status = ?', filter.status], ['parent_execution_id = ?', filter.parentExecutionId], ['id < ?', filter.before],
      ]);
      const rows = await sql.all(`SELECT * FROM executions ${where.sql} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
      return rows.map(toExecution);
    },

    /** Steps in start order; `itemsOf` lists the fan-out items of one step instead. Paginated. */
    async steps(executionId: string, page: { limit: number; offset: number; itemsOf?: string }): Promise<StepRecord[]> {
      const rows = page.itemsOf === undefined
        ? await sql.all(
          `SELECT ${stepColumns} FROM execution_steps s LEFT JOIN blobs b ON b.id = s.output_blob_id
           WHERE s.execution_id = ? AND s.item_index = -1 ORDER BY s.started_at IS NULL, s.started_at, s.step_id LIMIT ? OFFSET ?`,
          [executionId, page.limit, page.offset])
        : await sql.all(
          `SELECT ${stepColumns} FROM execution_steps s LEFT JOIN blobs b ON b.id = s.output_blob_id
           WHERE s.execution_id = ? AND s.step_id = ? AND s.item_index >= 0 ORDER BY s.item_index LIMIT ? OFFSET ?`,
          [executionId, page.itemsOf, page.limit, page.offset]);
      return rows.map(toStep);
    },

    /** Every step row of an execution, including fan-out items (what the engine resumes from). */
    async allSteps(executionId: string): Promise<StepRecord[]> {
      const rows = await sql.all(`SELECT ${stepColumns} FROM execution_steps s LEFT JOIN blobs b ON b.id = s.output_blob_id WHERE s.execution_id = ?`, [executionId]);
      return rows.map(toStep);
    },

    async blob(id: string): Promise<unknown> {
      const row = await sql.get<{ content: string }>('SELECT content FROM blobs WHERE id = ?', [id]);
      return row ? (JSON.parse(row.content) as unknown) : undefined;
    },

    async markRunning(id: string, startedAt = new Date()): Promise<void> {
      await sql.run(`UPDATE executions SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued', 'running', 'waiting')`, [startedAt, id]);
    },

    /** Commits the start of an attempt (so a crash shows the step as running, attempts counted). */
    async startStep(executionId: string, stepId: string, itemIndex: number, input: unknown, attempt: number, startedAt: Date): Promise<void> {
      await writeStep(sql, { executionId, stepId, itemIndex, status: 'running', attempts: attempt, input, output: null, outputBlobId: null, error: null, startedAt, finishedAt: null });
    },

    prepareStep,

    /**
     * Commits a step's result with the documents it produced, in one transaction. An output over
     * the inline limit is stored as a blob. Returns the new documents' ids.
     */
    async finishStep(step: StepRef, outcome: StepOutcome): Promise<FinishedStep> {
      const prepared = prepareStep(step, outcome);
      await sql.transaction((tx) => writePrepared(tx, prepared));
      return finishedStep(prepared);
    },

    /** Commits prepared step results in one transaction. */
    async writeSteps(steps: readonly PreparedStep[]): Promise<void> {
      await sql.transaction(async (tx) => {
        for (const step of steps) await writePrepared(tx, step);
      });
    },

    /**
     * Ends an execution and its job together, with `steps` (results prepared but not yet
     * written). `workerId` must still hold the job.
     */
    async finish(
      id: string,
      workerId: string,
      result: { status: 'succeeded' | 'failed' | 'cancelled'; output?: unknown; error?: StoredError },
      startedAt?: Date,
      finishedAt = new Date(),
      steps: readonly PreparedStep[] = [],
    ): Promise<boolean> {
      return sql.transaction(async (tx) => {
        for (const step of steps) await writePrepared(tx, step);
        const changed = await tx.run(
          `UPDATE executions SET status = ?, output = ?, error = ?, finished_at = ?, started_at = COALESCE(started_at, ?)
           WHERE id = ? AND status NOT IN ('succeeded', 'failed', 'cancelled')`,
          [result.status, wrapJson(result.output ?? null), result.error ?? null, finishedAt, startedAt ?? finishedAt, id],
        );
        await jobs.finish(id, workerId, { status: result.status, error: result.error ? { code: result.error.code, message: result.error.message } : undefined }, tx);
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
        const cancelled = await tx.run(`UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status = 'queued'`, [new Date(), id]);
        if (cancelled === 1) {
          await tx.run(`UPDATE executions SET status = 'cancelled', finished_at = ?, error = ? WHERE id = ?`, [new Date(), { code: 'cancelled', message: 'Cancelled before it started.' }, id]);
        }
      });
      const row = await sql.get('SELECT * FROM executions WHERE id = ?', [id]);
      return row ? toExecution(row) : undefined;
    },

    /** Counts by status, durations of the last 1,000 finished runs, and failures per step. */
    async analytics(workflowId: string): Promise<WorkflowAnalytics> {
      const counts = await sql.all<{ status: ExecutionStatus; n: unknown }>('SELECT status, COUNT(*) AS n FROM executions WHERE workflow_id = ? GROUP BY status', [workflowId]);
      const finished = await sql.all(
        `SELECT started_at, finished_at FROM executions WHERE workflow_id = ? AND finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY id DESC LIMIT 1000`,
        [workflowId],
      );
      const failures = await sql.all<{ step_id: string; n: unknown }>(
        `SELECT s.step_id, COUNT(*) AS n FROM execution_steps s JOIN executions e ON e.id = s.execution_id
         WHERE e.workflow_id = ? AND s.item_index = -1 AND s.status = 'failed' GROUP BY s.step_id ORDER BY n DESC`,
        [workflowId],
      );
      const last = await sql.get<{ created_at: unknown }>('SELECT created_at FROM executions WHERE workflow_id = ? ORDER BY id DESC LIMIT 1', [workflowId]);
      const byStatus: Record<string, number> = {};
      for (const { status, n } of counts) byStatus[status] = sql.fromInt(n);
      const durations = finished.map((row) => sql.fromDate(row.finished_at)!.getTime() - sql.fromDate(row.started_at)!.getTime()).sort((a, b) => a - b);
      const ended = (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0);
      return {
        total: Object.values(byStatus).reduce((a, b) => a + b, 0),
        byStatus,
        successRate: ended === 0 ? null : (byStatus.succeeded ?? 0) / ended,
        meanDurationMs: durations.length ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
        p95DurationMs: durations.length ? durations[Math.min(durations.length - 1, Math.ceil(0.95 * durations.length) - 1)]! : null,
        lastRunAt: last ? sql.fromDate(last.created_at) : null,
        stepFailures: failures.map((row) => ({ stepId: row.step_id, failures: sql.fromInt(row.n) })),
      };
    },

    async isCancelRequested(id: string): Promise<boolean> {
      const row = await sql.get<{ cancel_requested: unknown }>('SELECT cancel_requested FROM executions WHERE id = ?', [id]);
      return row ? sql.fromBool(row.cancel_requested) : true;
    },
  };
}

/**
 * JSON columns hold any JSON value; a bare string must still be stored as JSON text, so it is
 * wrapped into an array-free form the SQL clients encode: objects/arrays pass through.
 */
function wrapJson(value: unknown): object | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? (value as object) : new JsonScalar(value);
}

class JsonScalar {
  constructor(readonly value: unknown) {}
  toJSON() {
    return this.value;
  }
}
