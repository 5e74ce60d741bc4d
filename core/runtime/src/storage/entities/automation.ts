import { EntitySchema } from '../typeorm.js';

/**
 * One row of `automations`: a trigger, its conditions and actions (as the API takes them), and the
 * workflow built from the actions that every run executes.
 */
export interface AutomationRow {
  id: string;
  name: string;
  description: string | null;
  trigger: object;
  actions: object;
  aiDecisionMaking: boolean;
  learningEnabled: boolean;
  enabled: boolean;
  workflowId: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const automationEntity = new EntitySchema<AutomationRow>({
  name: 'automation',
  tableName: 'automations',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    name: { name: 'name', type: 'varchar', length: 200 },
    description: { name: 'description', type: 'text', nullable: true },
    trigger: { name: 'trigger', type: 'jsonb' },
    actions: { name: 'actions', type: 'jsonb' },
    aiDecisionMaking: { name: 'ai_decision_making', type: 'boolean' },
    learningEnabled: { name: 'learning_enabled', type: 'boolean' },
    enabled: { name: 'enabled', type: 'boolean' },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26 },
    createdBy: { name: 'created_by', type: 'varchar', length: 100, nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

/** One run of an automation: the trigger data, which conditions matched, the decision and plan, and the execution that ran it. */
export interface AutomationRunRow {
  id: string;
  automationId: string;
  executionId: string | null;
  triggerData: object;
  context: object | null;
  conditions: object;
  matched: boolean;
  decision: object | null;
  plan: object | null;
  createdAt: Date;
}

export const automationRunEntity = new EntitySchema<AutomationRunRow>({
  name: 'automation_run',
  tableName: 'automation_runs',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    automationId: { name: 'automation_id', type: 'varchar', length: 26 },
    executionId: { name: 'execution_id', type: 'varchar', length: 26, nullable: true },
    triggerData: { name: 'trigger_data', type: 'jsonb' },
    context: { name: 'context', type: 'jsonb', nullable: true },
    conditions: { name: 'conditions', type: 'jsonb' },
    matched: { name: 'matched', type: 'boolean' },
    decision: { name: 'decision', type: 'jsonb', nullable: true },
    plan: { name: 'plan', type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_automation_runs_automation', columns: ['automationId', 'id'] }],
});

/** One outcome posted to `/{id}/feedback`: a reward in [0, 1] for the variant an action ran with. */
export interface AutomationFeedbackRow {
  id: string;
  automationId: string;
  runId: string | null;
  actionIndex: number;
  variant: string;
  reward: number;
  comment: string | null;
  createdAt: Date;
}

export const automationFeedbackEntity = new EntitySchema<AutomationFeedbackRow>({
  name: 'automation_feedback',
  tableName: 'automation_feedback',
  columns: {
    id: { name: 'id', type: 'varchar', length: 26, primary: true },
    automationId: { name: 'automation_id', type: 'varchar', length: 26 },
    runId: { name: 'run_id', type: 'varchar', length: 26, nullable: true },
    actionIndex: { name: 'action_index', type: 'integer' },
    variant: { name: 'variant', type: 'varchar', length: 100 },
    reward: { name: 'reward', type: 'double precision' },
    comment: { name: 'comment', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
  indices: [{ name: 'idx_automation_feedback_variant', columns: ['automationId', 'actionIndex', 'variant'] }],
});
