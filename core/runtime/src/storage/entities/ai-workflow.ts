import { EntitySchema } from '../typeorm.js';

/** One row of `ai_workflows`: marks a stored workflow as made from an AI template. */
export interface AiWorkflowRow {
  workflowId: string;
  workflowType: string;
  templateName: string;
  provider: string | null;
  inputData: object;
  createdAt: Date;
}

export const aiWorkflowEntity = new EntitySchema<AiWorkflowRow>({
  name: 'aiWorkflow',
  tableName: 'ai_workflows',
  columns: {
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, primary: true },
    workflowType: { name: 'workflow_type', type: 'varchar', length: 100 },
    templateName: { name: 'template_name', type: 'varchar', length: 100 },
    provider: { name: 'provider', type: 'varchar', length: 100, nullable: true },
    inputData: { name: 'input_data', type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_ai_workflows_created', columns: ['createdAt'] }],
});
