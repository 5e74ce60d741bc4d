import { EntitySchema } from '../typeorm.js';

/**
 * One row of `trigger_states`: what a workflow's trigger remembers across restarts under a key of
 * its choosing (a data_change cursor or the content hashes it has fired for, a threshold's state).
 */
export interface TriggerStateRow {
  workflowId: string;
  key: string;
  value: object;
  updatedAt: Date;
}

export const triggerStateEntity = new EntitySchema<TriggerStateRow>({
  name: 'trigger_state',
  tableName: 'trigger_states',
  columns: {
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, primary: true },
    key: { name: 'key', type: 'varchar', length: 200, primary: true },
    value: { name: 'value', type: 'jsonb' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
