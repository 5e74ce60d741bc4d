import { NotFoundError } from '@dwc/sdk';
import type { WorkflowDefinition } from '../engine/index.js';
import type { WorkflowStore } from '../workflows/workflow-store.js';
import type { WorkflowAnalytics } from './execution-analytics.js';
import type { ExecutionFilter, ExecutionStore } from './execution-store.js';
import type { ExecutionRecord, StepRecord } from './execution-types.js';

export type ExecutionQueries = ReturnType<typeof createExecutionQueries>;

/** A page of executions, newest first; `nextBefore` is the cursor of the next page (null on the last). */
export interface ExecutionPage {
  items: ExecutionRecord[];
  nextBefore: string | null;
}

/** What users read about executions: lists, one execution with its steps, a step's whole output, a workflow's analytics. */
export function createExecutionQueries(deps: { executions: ExecutionStore; workflows: WorkflowStore<WorkflowDefinition> }) {
  async function get(id: string): Promise<ExecutionRecord> {
    const execution = await deps.executions.get(id);
    if (!execution) throw new NotFoundError(`No execution with id "${id}".`, { code: 'execution_not_found' });
    return execution;
  }

  return {
    get,

    /**
     * An execution with a page of its steps. The two are separate reads (on Postgres on separate
     * connections, with no common snapshot), so the steps are read only once the execution has
     * been: a run commits each step's result before, or with, the execution's end, so an execution
     * read as ended comes with its final step rows. Read the other way round (or at once), a run
     * ending between the reads gave an ended execution with a step still `waiting` or missing.
     */
    async withSteps(id: string, page: { limit: number; offset: number }): Promise<ExecutionRecord & { steps: StepRecord[] }> {
      const execution = await get(id);
      return Object.assign(execution, { steps: await deps.executions.steps(id, page) });
    },

    /** Executions of every workflow (or of `filter.workflowId`), newest first. */
    async list(filter: ExecutionFilter): Promise<ExecutionPage> {
      const items = await deps.executions.list(filter);
      return { items, nextBefore: items.length === filter.limit ? items.at(-1)!.id : null };
    },

    /** The newest execution of each of these workflows (those with none are absent from the map). */
    latestOfWorkflows: (workflowIds: readonly string[]) => deps.executions.latestOfWorkflows(workflowIds),

    /** A page of an execution's steps in start order, or of one fan-out step's items (`itemsOf`). */
    async steps(id: string, page: { limit: number; offset: number; itemsOf?: string | undefined }): Promise<StepRecord[]> {
      const [steps] = await Promise.all([deps.executions.steps(id, page), get(id)]);
      return steps;
    },

    /** The whole output of one step (`itemIndex` -1) or fan-out item, read from its blob when it was spilled. */
    async stepOutput(id: string, stepId: string, itemIndex = -1): Promise<unknown> {
      const step = await deps.executions.step(id, stepId, itemIndex);
      if (!step) {
        await get(id);
        throw new NotFoundError(`Execution ${id} has no step "${stepId}"${itemIndex < 0 ? '' : ` item ${itemIndex}`}.`, { code: 'step_not_found' });
      }
      return (step.outputBlobId ? await deps.executions.blob(step.outputBlobId) : step.output) ?? null;
    },

    /** Run counts, success rate, durations and failing steps of a workflow (of runs created since `since`, when given). */
    async analytics(workflowId: string, since?: Date): Promise<WorkflowAnalytics> {
      await deps.workflows.require(workflowId);
      return deps.executions.analytics(workflowId, since);
    },
  };
}
