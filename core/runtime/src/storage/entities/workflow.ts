import { EntitySchema } from '../typeorm.js';

/** One row of `workflows`: a workflow's identity; its definitions live in `workflow_versions`. */
export interface WorkflowRow {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number;
  triggerType: string;
  /** Whether its trigger listens (`PATCH /api/v3/workflows/{id}` `{"active"}`); saving a new version keeps it. */
  triggerActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Set when deleted: executions keep pointing at its versions, so the row stays. */
  deletedAt: Date | null;
}

export const workflowEntity = new EntitySchema<WorkflowRow>({
  name: 'workflow',
  tableName: 'workflows',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    name: { name: 'name', type: 'varchar', length: 200 },
    description: { name: 'description', type: 'text', nullable: true },
    latestVersion: { name: 'latest_version', type: 'integer' },
    triggerType: { name: 'trigger_type', type: 'varchar', length: 100 },
    triggerActive: { name: 'trigger_active', type: 'boolean', default: false },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    deletedAt: { name: 'deleted_at', type: 'timestamptz', nullable: true },
  },
  indices: [
    { name: 'idx_workflows_updated', columns: ['deletedAt', 'updatedAt'] },
    { name: 'idx_workflows_trigger_active', columns: ['triggerActive', 'deletedAt'] },
  ],
});
