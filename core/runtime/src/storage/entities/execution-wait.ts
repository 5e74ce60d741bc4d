import { EntitySchema } from '../typeorm.js';

/**
 * One row of `execution_waits`: a step parked until a time, an event or a decision (a wake-up
 * row). `wake_at` (epoch ms) is when it times out, or for `until` when it is due. `status` moves
 * once from `waiting` to `resolved`, with `outcome` the step's output.
 */
export interface ExecutionWaitRow {
  executionId: string;
  stepId: string;
  kind: string;
  status: string;
  wakeAt: string | null;
  eventType: string | null;
  match: object | null;
  approvers: object | null;
  message: string | null;
  outcome: object | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export const executionWaitEntity = new EntitySchema<ExecutionWaitRow>({
  name: 'execution_wait',
  tableName: 'execution_waits',
  columns: {
    executionId: { name: 'execution_id', type: 'varchar', length: 26, primary: true },
    stepId: { name: 'step_id', type: 'varchar', length: 64, primary: true },
    kind: { name: 'kind', type: 'varchar', length: 20 },
    status: { name: 'status', type: 'varchar', length: 20 },
    wakeAt: { name: 'wake_at', type: 'bigint', nullable: true },
    eventType: { name: 'event_type', type: 'varchar', length: 200, nullable: true },
    match: { name: 'match', type: 'jsonb', nullable: true },
    approvers: { name: 'approvers', type: 'jsonb', nullable: true },
    message: { name: 'message', type: 'text', nullable: true },
    outcome: { name: 'outcome', type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    resolvedAt: { name: 'resolved_at', type: 'timestamptz', nullable: true },
  },
  indices: [
    { name: 'idx_execution_waits_event', columns: ['status', 'eventType'] },
    { name: 'idx_execution_waits_kind', columns: ['status', 'kind', 'createdAt'] },
  ],
});
