import { EntitySchema } from '../typeorm.js';

/**
 * One row of `jobs`: the durable queue. `run_at` and `locked_until` are epoch milliseconds so the
 * claim query compares plain numbers on both dialects.
 */
export interface JobRow {
  id: string;
  kind: string;
  name: string;
  taskType: string;
  priority: number;
  status: string;
  payload: object | null;
  result: object | null;
  error: object | null;
  attempts: number;
  maxRetries: number;
  timeoutMs: number | null;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const jobEntity = new EntitySchema<JobRow>({
  name: 'job',
  tableName: 'jobs',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    kind: { name: 'kind', type: 'varchar', length: 20 },
    name: { name: 'name', type: 'varchar', length: 200 },
    taskType: { name: 'task_type', type: 'varchar', length: 100 },
    priority: { name: 'priority', type: 'integer' },
    status: { name: 'status', type: 'varchar', length: 20 },
    payload: { name: 'payload', type: 'jsonb', nullable: true },
    result: { name: 'result', type: 'jsonb', nullable: true },
    error: { name: 'error', type: 'jsonb', nullable: true },
    attempts: { name: 'attempts', type: 'integer' },
    maxRetries: { name: 'max_retries', type: 'integer' },
    timeoutMs: { name: 'timeout_ms', type: 'integer', nullable: true },
    runAt: { name: 'run_at', type: 'bigint' },
    lockedBy: { name: 'locked_by', type: 'varchar', length: 100, nullable: true },
    lockedUntil: { name: 'locked_until', type: 'bigint', nullable: true },
    cancelRequested: { name: 'cancel_requested', type: 'boolean' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
  indices: [
    { name: 'idx_jobs_claim', columns: ['status', 'priority', 'runAt'] },
    { name: 'idx_jobs_created', columns: ['kind', 'createdAt'] },
  ],
});
