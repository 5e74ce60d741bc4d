import { EntitySchema } from '../typeorm.js';

/** One row of `ai_usage`: one AI provider call (or cache hit), with what it cost and who made it. */
export interface AiUsageRow {
  id: string;
  createdAt: Date;
  provider: string;
  model: string;
  operation: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
  outcome: string;
  reason: string | null;
  executionId: string | null;
  stepId: string | null;
  workflowId: string | null;
}

export const aiUsageEntity = new EntitySchema<AiUsageRow>({
  name: 'aiUsage',
  tableName: 'ai_usage',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    provider: { name: 'provider', type: 'varchar', length: 100 },
    model: { name: 'model', type: 'varchar', length: 200 },
    operation: { name: 'operation', type: 'varchar', length: 20 },
    inputTokens: { name: 'input_tokens', type: 'integer' },
    outputTokens: { name: 'output_tokens', type: 'integer' },
    latencyMs: { name: 'latency_ms', type: 'integer' },
    costUsd: { name: 'cost_usd', type: 'double precision', nullable: true },
    cached: { name: 'cached', type: 'boolean' },
    outcome: { name: 'outcome', type: 'varchar', length: 20 },
    reason: { name: 'reason', type: 'varchar', length: 40, nullable: true },
    executionId: { name: 'execution_id', type: 'varchar', length: 26, nullable: true },
    stepId: { name: 'step_id', type: 'varchar', length: 64, nullable: true },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, nullable: true },
  },
  indices: [
    { name: 'idx_ai_usage_created', columns: ['createdAt'] },
    { name: 'idx_ai_usage_workflow', columns: ['workflowId', 'createdAt'] },
    { name: 'idx_ai_usage_execution', columns: ['executionId'] },
  ],
});
