import { EntitySchema } from '../typeorm.js';

/**
 * One row of `schedule_runs`: one planned occurrence of a schedule and what it started. The unique
 * key (schedule, planned time) is what makes an occurrence fire once: the row and the execution,
 * task or event it starts are written in one transaction, and a second insert is refused.
 */
export interface ScheduleRunRow {
  id: string;
  scheduleId: string;
  plannedAt: string;
  firedAt: string;
  status: string;
  reason: string | null;
  target: string;
  targetId: string | null;
}

export const scheduleRunEntity = new EntitySchema<ScheduleRunRow>({
  name: 'schedule_run',
  tableName: 'schedule_runs',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    scheduleId: { name: 'schedule_id', type: 'varchar', length: 26 },
    plannedAt: { name: 'planned_at', type: 'bigint' },
    firedAt: { name: 'fired_at', type: 'bigint' },
    status: { name: 'status', type: 'varchar', length: 20 },
    reason: { name: 'reason', type: 'varchar', length: 40, nullable: true },
    target: { name: 'target', type: 'varchar', length: 20 },
    targetId: { name: 'target_id', type: 'varchar', length: 26, nullable: true },
  },
  indices: [
    { name: 'idx_schedule_runs_occurrence', columns: ['scheduleId', 'plannedAt'], unique: true },
    { name: 'idx_schedule_runs_history', columns: ['scheduleId', 'id'] },
  ],
});
