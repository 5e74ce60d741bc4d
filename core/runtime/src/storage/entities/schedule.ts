import { EntitySchema } from '../typeorm.js';

/**
 * One row of `schedules`: when something fires and what it starts. The next occurrence is a row
 * field (`next_run_at`, the planned time, and `due_at`, the planned time plus jitter, both epoch
 * milliseconds); the scheduler claims rows whose `due_at` has passed.
 */
export interface ScheduleRow {
  id: string;
  name: string;
  kind: string;
  timing: object;
  timezone: string;
  workflowId: string | null;
  payload: object | null;
  source: string;
  status: string;
  missedRuns: string;
  missedRunsCap: number;
  overlap: string;
  jitterMs: number;
  nextRunAt: string | null;
  dueAt: string | null;
  lastRunId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const scheduleEntity = new EntitySchema<ScheduleRow>({
  name: 'schedule',
  tableName: 'schedules',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    name: { name: 'name', type: 'varchar', length: 200 },
    kind: { name: 'kind', type: 'varchar', length: 20 },
    timing: { name: 'timing', type: 'jsonb' },
    timezone: { name: 'timezone', type: 'varchar', length: 64 },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, nullable: true },
    payload: { name: 'payload', type: 'jsonb', nullable: true },
    source: { name: 'source', type: 'varchar', length: 20 },
    status: { name: 'status', type: 'varchar', length: 20 },
    missedRuns: { name: 'missed_runs', type: 'varchar', length: 10 },
    missedRunsCap: { name: 'missed_runs_cap', type: 'integer' },
    overlap: { name: 'overlap', type: 'varchar', length: 10 },
    jitterMs: { name: 'jitter_ms', type: 'integer' },
    nextRunAt: { name: 'next_run_at', type: 'bigint', nullable: true },
    dueAt: { name: 'due_at', type: 'bigint', nullable: true },
    lastRunId: { name: 'last_run_id', type: 'varchar', length: 26, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
  indices: [
    { name: 'idx_schedules_due', columns: ['status', 'dueAt'] },
    // A workflow's schedule trigger owns at most one row.
    { name: 'idx_schedules_workflow_trigger', columns: ['workflowId'], unique: true, where: "source = 'workflow'" },
  ],
});
