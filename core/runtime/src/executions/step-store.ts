import { insertStepDocuments, prepareDocuments, type StepDocument } from '../documents/step-documents.js';
import { JsonText, type SqlClient, type SqlQueries } from '../storage/sql-client.js';
import { jsonParam, STEP_COLUMNS, STEP_SOURCE, stepFromRow } from './execution-rows.js';
import type { StepOutcome, StepRecord } from './execution-types.js';
import { DEFAULT_INLINE_OUTPUT_LIMIT, insertBlob, readBlob, spillOutput, type OutputBlob } from './output-blobs.js';

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

type StepRow = Omit<StepRecord, 'outputSizeBytes'>;

/** A step result ready to write (see `prepareStep`). */
export interface PreparedStep {
  row: StepRow;
  blob: OutputBlob | null;
  documents: StepDocument[];
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

async function writeStepRow(q: SqlQueries, step: StepRow): Promise<void> {
  await q.run(
    `INSERT INTO execution_steps (execution_id, step_id, item_index, status, attempts, input, output, output_blob_id, error, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (execution_id, step_id, item_index) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
       input = excluded.input, output = excluded.output, output_blob_id = excluded.output_blob_id, error = excluded.error,
       started_at = excluded.started_at, finished_at = excluded.finished_at`,
    [step.executionId, step.stepId, step.itemIndex, step.status, step.attempts, jsonParam(step.input), jsonParam(step.output),
      step.outputBlobId, step.error, step.startedAt, step.finishedAt],
  );
}

/** Writes a prepared result: its blob, its row and its documents. */
export async function writePrepared(q: SqlQueries, step: PreparedStep): Promise<void> {
  const { row, blob } = step;
  if (blob) await insertBlob(q, blob, row.executionId, row.finishedAt!);
  await writeStepRow(q, row);
  if (step.documents.length > 0) await insertStepDocuments(q, { executionId: row.executionId, workflowId: step.workflowId, stepId: row.stepId }, step.documents);
}

/** Carried-over step rows (a retry or re-run) written into a new execution. */
export async function writeCarriedSteps(q: SqlQueries, executionId: string, steps: readonly StepRecord[]): Promise<void> {
  for (const step of steps) await writeStepRow(q, { ...step, executionId });
}

export type StepStore = ReturnType<typeof createStepStore>;

/**
 * The steps of executions: each attempt's start, each result (a large output spilled to a blob,
 * the documents it emitted) committed in one transaction, and the reads of them.
 */
export function createStepStore(sql: SqlClient, options: { inlineOutputLimit?: number } = {}) {
  const inlineLimit = options.inlineOutputLimit ?? DEFAULT_INLINE_OUTPUT_LIMIT;

  /**
   * A step result ready to write: pure, so the caller may write it now (`finishStep`) or with the
   * execution's end (`ExecutionStore.finish`). Throws on an invalid document draft.
   */
  function prepareStep(step: StepRef, outcome: StepOutcome): PreparedStep {
    const json = outcome.output === undefined || outcome.output === null ? null : JSON.stringify(outcome.output);
    const blob = spillOutput(json, inlineLimit);
    const row: StepRow = {
      executionId: step.executionId, stepId: step.stepId, itemIndex: step.itemIndex, status: outcome.status, attempts: step.attempts,
      input: step.input, output: json === null || blob ? null : new JsonText(json), outputBlobId: blob?.id ?? null, error: outcome.error ?? null,
      startedAt: step.startedAt, finishedAt: new Date(),
    };
    // What `steps` would read back for this row.
    const written: StepRecord = {
      executionId: row.executionId, stepId: row.stepId, itemIndex: row.itemIndex, status: row.status, attempts: row.attempts,
      input: step.input ?? null, output: blob ? undefined : (outcome.output ?? null), outputBlobId: row.outputBlobId,
      outputSizeBytes: blob ? Buffer.byteLength(blob.json) : null, error: row.error, startedAt: row.startedAt, finishedAt: row.finishedAt,
    };
    return { row, blob, documents: prepareDocuments(outcome.documents), workflowId: step.workflowId, written, outputJsonLength: json?.length ?? 0 };
  }

  return {
    prepareStep,

    /** Commits the start of an attempt (so a crash shows the step as running, attempts counted), or a step parked as `waiting`. */
    async startStep(executionId: string, stepId: string, itemIndex: number, input: unknown, attempt: number, startedAt: Date, status: 'running' | 'waiting' = 'running'): Promise<void> {
      await writeStepRow(sql, { executionId, stepId, itemIndex, status, attempts: attempt, input, output: null, outputBlobId: null, error: null, startedAt, finishedAt: null });
    },

    /** Commits a step's result with the documents it produced, in one transaction. An output over the inline limit is stored as a blob. */
    async finishStep(step: StepRef, outcome: StepOutcome): Promise<FinishedStep> {
      const prepared = prepareStep(step, outcome);
      await sql.batch((tx) => writePrepared(tx, prepared));
      return finishedStep(prepared);
    },

    /** Commits prepared step results in one transaction. */
    async writeSteps(steps: readonly PreparedStep[]): Promise<void> {
      await sql.batch(async (tx) => {
        for (const step of steps) await writePrepared(tx, step);
      });
    },

    /**
     * Steps in start order (a pure step's result rides with the next step's write, so two steps can share a
     * start millisecond; the one that finished first came first); `itemsOf` lists the fan-out items of one
     * step instead. Paginated.
     */
    async steps(executionId: string, page: { limit: number; offset: number; itemsOf?: string | undefined }): Promise<StepRecord[]> {
      const rows = page.itemsOf === undefined
        ? await sql.all(
          `SELECT ${STEP_COLUMNS} FROM ${STEP_SOURCE}
           WHERE s.execution_id = ? AND s.item_index = -1 ORDER BY s.started_at IS NULL, s.started_at, s.finished_at IS NULL, s.finished_at, s.step_id LIMIT ? OFFSET ?`,
          [executionId, page.limit, page.offset])
        : await sql.all(
          `SELECT ${STEP_COLUMNS} FROM ${STEP_SOURCE}
           WHERE s.execution_id = ? AND s.step_id = ? AND s.item_index >= 0 ORDER BY s.item_index LIMIT ? OFFSET ?`,
          [executionId, page.itemsOf, page.limit, page.offset]);
      return rows.map((row) => stepFromRow(sql, row));
    },

    /** One step (`itemIndex` -1) or fan-out item, by its primary key. */
    async step(executionId: string, stepId: string, itemIndex: number): Promise<StepRecord | undefined> {
      const row = await sql.get(`SELECT ${STEP_COLUMNS} FROM ${STEP_SOURCE} WHERE s.execution_id = ? AND s.step_id = ? AND s.item_index = ?`, [executionId, stepId, itemIndex]);
      return row ? stepFromRow(sql, row) : undefined;
    },

    /** Every step row of an execution, including fan-out items (what the engine resumes from). */
    async allSteps(executionId: string): Promise<StepRecord[]> {
      const rows = await sql.readTogether((q) => q.all(`SELECT ${STEP_COLUMNS} FROM ${STEP_SOURCE} WHERE s.execution_id = ?`, [executionId]));
      return rows.map((row) => stepFromRow(sql, row));
    },

    /** A spilled output (see `StepRecord.outputBlobId`). */
    blob: (id: string) => readBlob(sql, id),
  };
}
