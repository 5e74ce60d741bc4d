import { EntitySchema } from '../typeorm.js';

/** One row of `executions`: one run of one pinned workflow version. */
export interface ExecutionRow {
  id: string;
  workflowId: string;
  version: number;
  status: string;
  input: object | null;
  output: object | null;
  error: object | null;
  trigger: object | null;
  parentExecutionId: string | null;
  parentStepId: string | null;
  rerunOf: string | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const executionEntity = new EntitySchema<ExecutionRow>({
  name: 'execution',
  tableName: 'executions',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26 },
    version: { name: 'version', type: 'integer' },
    status: { name: 'status', type: 'varchar', length: 20 },
    input: { name: 'input', type: 'jsonb', nullable: true },
    output: { name: 'output', type: 'jsonb', nullable: true },
    error: { name: 'error', type: 'jsonb', nullable: true },
    trigger: { name: 'trigger', type: 'jsonb', nullable: true },
    parentExecutionId: { name: 'parent_execution_id', type: 'varchar', length: 26, nullable: true },
    parentStepId: { name: 'parent_step_id', type: 'varchar', length: 64, nullable: true },
    rerunOf: { name: 'rerun_of', type: 'varchar', length: 26, nullable: true },
    cancelRequested: { name: 'cancel_requested', type: 'boolean' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
  // Lists page newest first by id (which sorts by creation time), so each filter's index ends with it.
  indices: [
    { name: 'idx_executions_workflow', columns: ['workflowId', 'id'] },
    { name: 'idx_executions_status', columns: ['status', 'id'] },
    // Analytics read ended runs by when they finished (the hourly rollup and the edges of a period).
    { name: 'idx_executions_finished', columns: ['finishedAt'] },
    { name: 'idx_executions_parent', columns: ['parentExecutionId', 'parentStepId'], where: 'parent_execution_id IS NOT NULL' },
  ],
});
