import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';
import type { AutomationBody } from './automation-schemas.js';
import type { ConditionResult } from './match-conditions.js';
import type { RunDecision } from './ai-decision.js';
import type { VariantFeedback } from './thompson.js';

export interface AutomationRecord extends AutomationBody {
  id: string;
  workflowId: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One action of a run's plan: whether it runs, with which variant and input. */
export interface PlannedAction {
  index: number;
  step_id: string;
  type: string;
  step_type: string;
  variant: string | null;
  run: boolean;
  input: Record<string, unknown>;
}

export interface RunPlan {
  actions: PlannedAction[];
  needs_approval: boolean;
  approvers: string[];
  approval_message: string;
}

export interface AutomationRunRecord {
  id: string;
  automationId: string;
  executionId: string | null;
  triggerData: Record<string, unknown>;
  context: Record<string, unknown>;
  conditions: ConditionResult[];
  matched: boolean;
  decision: RunDecision | null;
  plan: RunPlan | null;
  createdAt: Date;
}

export type AutomationStore = ReturnType<typeof createAutomationStore>;

/** Automations, their runs and the feedback on their variants. */
export function createAutomationStore(sql: SqlClient) {
  const toAutomation = (row: Record<string, unknown>): AutomationRecord => {
    const stored = sql.fromJson<AutomationBody['trigger']>(row.trigger);
    const settings = sql.fromJson<{ actions: AutomationBody['actions']; decision: AutomationBody['decision']; condition_order?: string[] }>(row.actions);
    // Postgres jsonb does not keep key order; the conditions come back in the order they were written.
    const order = settings.condition_order ?? Object.keys(stored.conditions);
    const trigger = { ...stored, conditions: Object.fromEntries(order.filter((key) => Object.hasOwn(stored.conditions, key)).map((key) => [key, stored.conditions[key]])) };
    return {
      id: row.id as string, name: row.name as string, description: (row.description as string | null) ?? undefined, trigger,
      actions: settings.actions, decision: settings.decision, ai_decision_making: sql.fromBool(row.ai_decision_making),
      learning_enabled: sql.fromBool(row.learning_enabled), enabled: sql.fromBool(row.enabled), workflowId: row.workflow_id as string,
      createdBy: (row.created_by as string | null) ?? null, createdAt: sql.fromDate(row.created_at)!, updatedAt: sql.fromDate(row.updated_at)!,
    };
  };
  const toRun = (row: Record<string, unknown>): AutomationRunRecord => ({
    id: row.id as string, automationId: row.automation_id as string, executionId: (row.execution_id as string | null) ?? null,
    triggerData: sql.fromJson(row.trigger_data), context: sql.fromJson(row.context) ?? {}, conditions: sql.fromJson(row.conditions),
    matched: sql.fromBool(row.matched), decision: sql.fromJson(row.decision), plan: sql.fromJson(row.plan), createdAt: sql.fromDate(row.created_at)!,
  });
  const settingsOf = (body: AutomationBody) => ({ actions: body.actions, decision: body.decision, condition_order: Object.keys(body.trigger.conditions) });

  return {
    async create(body: AutomationBody, workflowId: string, createdBy: string | null): Promise<AutomationRecord> {
      const now = new Date();
      const id = newId();
      await sql.run(
        `INSERT INTO automations (id, name, description, trigger, actions, ai_decision_making, learning_enabled, enabled, workflow_id, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, body.name, body.description ?? null, body.trigger, settingsOf(body), body.ai_decision_making, body.learning_enabled, body.enabled, workflowId, createdBy, now, now],
      );
      return { ...body, id, workflowId, createdBy, createdAt: now, updatedAt: now };
    },

    async get(id: string): Promise<AutomationRecord | undefined> {
      const row = await sql.get('SELECT * FROM automations WHERE id = ?', [id]);
      return row ? toAutomation(row) : undefined;
    },

    async list(): Promise<AutomationRecord[]> {
      return (await sql.all('SELECT * FROM automations ORDER BY id')).map(toAutomation);
    },

    async update(id: string, body: AutomationBody): Promise<void> {
      await sql.run(
        `UPDATE automations SET name = ?, description = ?, trigger = ?, actions = ?, ai_decision_making = ?, learning_enabled = ?, enabled = ?, updated_at = ? WHERE id = ?`,
        [body.name, body.description ?? null, body.trigger, settingsOf(body), body.ai_decision_making, body.learning_enabled, body.enabled, new Date(), id],
      );
    },

    async delete(id: string): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM automation_feedback WHERE automation_id = ?', [id]);
        await tx.run('DELETE FROM automation_runs WHERE automation_id = ?', [id]);
        await tx.run('DELETE FROM automations WHERE id = ?', [id]);
      });
    },

    async insertRun(run: Omit<AutomationRunRecord, 'createdAt' | 'id'> & { id?: string }): Promise<AutomationRunRecord> {
      const record: AutomationRunRecord = { ...run, id: run.id ?? newId(), createdAt: new Date() };
      await sql.run(
        `INSERT INTO automation_runs (id, automation_id, execution_id, trigger_data, context, conditions, matched, decision, plan, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [record.id, record.automationId, record.executionId, record.triggerData, record.context, record.conditions, record.matched, record.decision, record.plan, record.createdAt],
      );
      return record;
    },

    async setRunExecution(runId: string, executionId: string): Promise<void> {
      await sql.run('UPDATE automation_runs SET execution_id = ? WHERE id = ?', [executionId, runId]);
    },

    async getRun(id: string): Promise<AutomationRunRecord | undefined> {
      const row = await sql.get('SELECT * FROM automation_runs WHERE id = ?', [id]);
      return row ? toRun(row) : undefined;
    },

    /** Newest first; `before` is the last run id of the previous page. */
    async runs(automationId: string, limit: number, before?: string): Promise<AutomationRunRecord[]> {
      const rows = before
        ? await sql.all('SELECT * FROM automation_runs WHERE automation_id = ? AND id < ? ORDER BY id DESC LIMIT ?', [automationId, before, limit])
        : await sql.all('SELECT * FROM automation_runs WHERE automation_id = ? ORDER BY id DESC LIMIT ?', [automationId, limit]);
      return rows.map(toRun);
    },

    async addFeedback(rows: readonly { automationId: string; runId: string; actionIndex: number; variant: string; reward: number; comment: string | null }[]): Promise<void> {
      await sql.transaction(async (tx) => {
        for (const row of rows) {
          await tx.run(
            'INSERT INTO automation_feedback (id, automation_id, run_id, action_index, variant, reward, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [newId(), row.automationId, row.runId, row.actionIndex, row.variant, row.reward, row.comment, new Date()],
          );
        }
      });
    },

    /** The summed rewards and counts per action and variant. */
    async feedback(automationId: string): Promise<Map<number, VariantFeedback[]>> {
      const rows = await sql.all<{ action_index: unknown; variant: string; reward_sum: unknown; pulls: unknown }>(
        'SELECT action_index, variant, SUM(reward) AS reward_sum, COUNT(*) AS pulls FROM automation_feedback WHERE automation_id = ? GROUP BY action_index, variant',
        [automationId],
      );
      const byAction = new Map<number, VariantFeedback[]>();
      for (const row of rows) {
        const index = sql.fromInt(row.action_index);
        const list = byAction.get(index) ?? [];
        list.push({ variant: row.variant, rewardSum: Number(row.reward_sum), pulls: sql.fromInt(row.pulls) });
        byAction.set(index, list);
      }
      return byAction;
    },

    /** Runs per automation: how many, and how many matched their conditions. */
    async runCounts(): Promise<Map<string, { runs: number; matched: number; feedback: number }>> {
      const runs = await sql.all<{ automation_id: string; runs: unknown; matched: unknown }>(
        `SELECT automation_id, COUNT(*) AS runs, SUM(CASE WHEN matched THEN 1 ELSE 0 END) AS matched FROM automation_runs GROUP BY automation_id`,
      );
      const feedback = await sql.all<{ automation_id: string; n: unknown }>('SELECT automation_id, COUNT(*) AS n FROM automation_feedback GROUP BY automation_id');
      const counts = new Map<string, { runs: number; matched: number; feedback: number }>();
      for (const row of runs) counts.set(row.automation_id, { runs: sql.fromInt(row.runs), matched: sql.fromInt(row.matched ?? 0), feedback: 0 });
      for (const row of feedback) {
        const entry = counts.get(row.automation_id) ?? { runs: 0, matched: 0, feedback: 0 };
        entry.feedback = sql.fromInt(row.n);
        counts.set(row.automation_id, entry);
      }
      return counts;
    },
  };
}
