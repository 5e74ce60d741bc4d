import { EntitySchema } from '../typeorm.js';

/**
 * One row of `execution_steps`: the state of one step of one execution. A fan-out step has a row
 * with `item_index` -1 for the step as a whole and one row per item.
 */
export interface ExecutionStepRow {
  executionId: string;
  stepId: string;
  itemIndex: number;
  status: string;
  attempts: number;
  input: object | null;
  output: object | null;
  /** Set instead of `output` when the output was too large to keep inline (see `blobs`). */
  outputBlobId: string | null;
  error: object | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const executionStepEntity = new EntitySchema<ExecutionStepRow>({
  name: 'execution_step',
  tableName: 'execution_steps',
  columns: {
    executionId: { name: 'execution_id', type: 'varchar', length: 26, primary: true },
    stepId: { name: 'step_id', type: 'varchar', length: 64, primary: true },
    itemIndex: { name: 'item_index', type: 'integer', primary: true },
    status: { name: 'status', type: 'varchar', length: 20 },
    attempts: { name: 'attempts', type: 'integer' },
    input: { name: 'input', type: 'jsonb', nullable: true },
    output: { name: 'output', type: 'jsonb', nullable: true },
    outputBlobId: { name: 'output_blob_id', type: 'varchar', length: 26, nullable: true },
    error: { name: 'error', type: 'jsonb', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
  indices: [
    // A re-run's carried-over steps point at the blobs of the execution they came from; retention finds them here.
    { name: 'idx_execution_steps_blob', columns: ['outputBlobId'], where: 'output_blob_id IS NOT NULL' },
  ],
});
