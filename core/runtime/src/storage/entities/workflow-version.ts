import { EntitySchema } from '../typeorm.js';

/** One row of `workflow_versions`: an immutable definition; executions pin one. */
export interface WorkflowVersionRow {
  workflowId: string;
  version: number;
  definition: object;
  createdAt: Date;
}

export const workflowVersionEntity = new EntitySchema<WorkflowVersionRow>({
  name: 'workflow_version',
  tableName: 'workflow_versions',
  columns: {
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, primary: true },
    version: { name: 'version', type: 'integer', primary: true },
    definition: { name: 'definition', type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
