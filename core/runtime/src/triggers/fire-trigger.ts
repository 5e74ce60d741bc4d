import { createHash } from 'node:crypto';
import { documentDraftSchema, type TriggerEmitOptions } from '@dwc/sdk';
import { evaluateCondition } from '../engine/index.js';
import type { ExecutionService, ExecutionWithSteps } from '../executions/execution-service.js';
import { newId } from '../storage/new-id.js';
import type { SqlClient } from '../storage/sql-client.js';

export interface FireRequest {
  workflowId: string;
  /** The trigger's type, recorded on the execution as `trigger.type`. */
  type: string;
  /** JSONata over `input`; when false the run does not start. */
  condition?: string | undefined;
  data: Record<string, unknown>;
  options?: TriggerEmitOptions;
  /** Wait up to this long for the run to end (`respond: when_finished`); `execution` is then its state. */
  waitMs?: number;
}

export type FireTrigger = (request: FireRequest) => Promise<{ executionId: string; execution?: ExecutionWithSteps } | undefined>;

/**
 * Fires a workflow for a trigger: checks its `condition` over the data with the bounded expression
 * evaluator, stores the documents handed over, and writes the execution (durable) with the data as input.
 */
export function createTriggerFirer(deps: { executions: Pick<ExecutionService, 'start' | 'startAndWait'>; sql: SqlClient }): FireTrigger {
  return async ({ workflowId, type, condition, data, options, waitMs }) => {
    if (condition !== undefined && !(await evaluateCondition(condition, { input: data }, { path: 'trigger.condition' }))) return undefined;
    let input = data;
    if (options?.documents && options.documents.length > 0) {
      const ids: string[] = [];
      for (const raw of options.documents) {
        const draft = documentDraftSchema.parse(raw);
        const id = newId();
        await deps.sql.run(
          `INSERT INTO documents (id, execution_id, workflow_id, step_id, parent_id, title, content, format, metadata, size_bytes, checksum, created_at)
           VALUES (?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, workflowId, draft.parentId ?? null, draft.title, draft.content, draft.format, draft.metadata,
            Buffer.byteLength(draft.content), createHash('sha256').update(draft.content).digest('hex'), new Date()],
        );
        ids.push(id);
      }
      input = { ...data, documents: ids };
    }
    if (waitMs !== undefined) {
      const execution = await deps.executions.startAndWait(workflowId, input, { trigger: { type } }, waitMs);
      return { executionId: execution.id, execution };
    }
    const execution = await deps.executions.start(workflowId, input, { trigger: { type } });
    return { executionId: execution.id };
  };
}
