import type { SqlClient } from '../storage/sql-client.js';
import type { ExecutionRecord, ExecutionStatus, StepRecord, StepStatus } from './execution-types.js';

/** An `executions` row as read by `SELECT *`, decoded. */
export function executionFromRow(sql: SqlClient, row: Record<string, unknown>): ExecutionRecord {
  return {
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
  };
}

/** The columns `stepFromRow` reads: a step row (`s`) with its spilled output's size (`b`). */
export const STEP_COLUMNS = `s.execution_id, s.step_id, s.item_index, s.status, s.attempts, s.input, s.output, s.output_blob_id, s.error,
    s.started_at, s.finished_at, b.size_bytes AS output_size`;

/** `FROM` for `STEP_COLUMNS`. */
export const STEP_SOURCE = 'execution_steps s LEFT JOIN blobs b ON b.id = s.output_blob_id';

export function stepFromRow(sql: SqlClient, row: Record<string, unknown>): StepRecord {
  return {
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
  };
}

/**
 * A JSON column's parameter. JSON columns hold any JSON value; a bare string must still be stored
 * as JSON text, so scalars are wrapped in a form the SQL clients encode; objects pass through.
 */
export function jsonParam(value: unknown): object | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? (value as object) : new JsonScalar(value);
}

class JsonScalar {
  constructor(readonly value: unknown) {}
  toJSON() {
    return this.value;
  }
}
