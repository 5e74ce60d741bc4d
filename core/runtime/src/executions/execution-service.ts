import { ConflictError, InputError, NotFoundError, type EventBus } from '@dwc/sdk';
import { planWorkflow, stepsFrom, type WorkflowDefinition } from '../engine/index.js';
import type { JobRecord, LocalClaim } from '../queue/job-types.js';
import { addFields } from './add-fields.js';
import type { WorkflowStore } from '../workflows/workflow-store.js';
import type { ExecutionStore } from './execution-store.js';
import { finishedExecutionStatuses, type ExecutionRecord, type StepRecord } from './execution-types.js';

export type ExecutionService = ReturnType<typeof createExecutionService>;

/** An execution with its top-level steps, when they are at hand without a query. */
export type ExecutionWithSteps = ExecutionRecord & { steps?: StepRecord[] };

export interface StartOptions {
  trigger?: unknown;
  priority?: 'low' | 'normal' | 'high' | 'critical';
}

/**
 * A worker pool's fast lane: `reserve` a free slot, write the execution with its job claimed by
 * `claim.workerId` (under a lease, or not stored at all: see `LocalClaim`), then `run` it at once
 * in that slot; `release` the slot if the write failed. `waiting` says a caller holds a request
 * open for the result: such a run may take a slot of the pool's waiting lane, so it never queues
 * behind background runs.
 */
export interface ExecutionDispatch<Slot = unknown> {
  claim: LocalClaim;
  reserve(waiting: boolean): Slot | undefined;
  release(slot: Slot): void;
  /** Runs the execution; resolves with its record (and steps, when it ended) when the run returns, undefined if it threw. */
  run(execution: ExecutionRecord, job: JobRecord, slot: Slot): Promise<ExecutionWithSteps | undefined>;
}

/**
 * What users do with executions: start one, wait for it, cancel, retry a failed one, or re-run
 * from a chosen step reusing the recorded outputs of the steps before it.
 */
export function createExecutionService<Slot>(deps: {
  executions: ExecutionStore;
  workflows: WorkflowStore<WorkflowDefinition>;
  events: EventBus;
  /** Called after an execution was queued, so a worker looks at once. */
  onQueued: () => void;
  /** Runs a new execution in this process at once when a worker is free, skipping the queue's claim. */
  dispatch?: ExecutionDispatch<Slot>;
}) {
  async function getOrThrow(id: string): Promise<ExecutionRecord> {
    const execution = await deps.executions.get(id);
    if (!execution) throw new NotFoundError(`No execution with id "${id}".`, { code: 'execution_not_found', values: { id } });
    return execution;
  }

  async function carryOver(original: ExecutionRecord, keep: (step: StepRecord) => boolean): Promise<StepRecord[]> {
    const rows = await deps.executions.allSteps(original.id);
    return rows.filter((row) => (row.status === 'succeeded' || row.status === 'skipped') && keep(row));
  }

  async function queued(execution: ExecutionRecord): Promise<ExecutionRecord> {
    deps.onQueued();
    return execution;
  }

  /** Resolves when the execution has finished or parked as `waiting`, or with its current state after `timeoutMs`. */
  async function waitFor(id: string, timeoutMs: number): Promise<ExecutionRecord> {
    let wake!: () => void;
    const finished = new Promise<void>((resolve) => (wake = resolve));
    const off = deps.events.on('execution.*', (event) => {
      if (event.payload.execution_id === id && event.type !== 'execution.started' && event.type !== 'execution.resumed') wake();
    });
    const timer = setTimeout(wake, timeoutMs);
    try {
      const current = await getOrThrow(id);
      if (finishedExecutionStatuses.includes(current.status)) return current;
      await finished;
      return getOrThrow(id);
    } finally {
      clearTimeout(timer);
      off();
    }
  }

  /** Writes a run of the workflow's latest version; `local` is its result when this process runs it at once. */
  async function launch(
    workflowId: string,
    input: unknown,
    options: StartOptions,
    waiting: boolean,
  ): Promise<{ execution: ExecutionRecord; local?: Promise<ExecutionWithSteps | undefined> }> {
    const version = await deps.workflows.latestVersion(workflowId);
    const fields = { workflowId, version, input, trigger: options.trigger ?? { type: 'manual' }, priority: options.priority };
    const dispatch = deps.dispatch;
    const slot = dispatch?.reserve(waiting);
    if (!dispatch || slot === undefined) return { execution: await queued(await deps.executions.create(fields)) };
    let created: Awaited<ReturnType<ExecutionStore['create']>>;
    try {
      created = await deps.executions.create(addFields(fields, { claim: dispatch.claim }));
    } catch (error) {
      dispatch.release(slot);
      throw error;
    }
    const { job, ...execution } = created;
    return { execution, local: dispatch.run(execution, job!, slot) };
  }

  return {
    get: getOrThrow,

    /** Starts a run of the workflow's latest version: at once in this process when a worker is free, else through the queue. */
    async start(workflowId: string, input: unknown, options: StartOptions = {}): Promise<ExecutionRecord> {
      return (await launch(workflowId, input, options, false)).execution;
    },

    /** Starts a run and resolves when it has finished, or with its state after `timeoutMs`. */
    async startAndWait(workflowId: string, input: unknown, options: StartOptions, timeoutMs: number): Promise<ExecutionWithSteps> {
      const began = Date.now();
      const { execution, local } = await launch(workflowId, input, options, true);
      if (local) {
        let timer: NodeJS.Timeout | undefined;
        const result = await Promise.race([local, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)))]);
        clearTimeout(timer);
        if (result && finishedExecutionStatuses.includes(result.status)) return result;
      }
      return waitFor(execution.id, Math.max(0, timeoutMs - (Date.now() - began)));
    },

    waitFor,
    async cancel(id: string): Promise<ExecutionRecord> {
      const execution = await getOrThrow(id);
      if (finishedExecutionStatuses.includes(execution.status)) {
        throw new ConflictError(`Execution ${id} already ended (${execution.status}); there is nothing to cancel.`, { code: 'execution_finished' });
      }
      return (await deps.executions.requestCancel(id))!;
    },

    /** A new execution of the same version and input that keeps the steps that had succeeded. */
    async retry(id: string): Promise<ExecutionRecord> {
      const original = await getOrThrow(id);
      if (original.status !== 'failed' && original.status !== 'cancelled') {
        throw new ConflictError(`Only a failed or cancelled execution can be retried; ${id} is ${original.status}.`, { code: 'execution_not_retryable' });
      }
      const carriedSteps = await carryOver(original, () => true);
      return queued(await deps.executions.create({ workflowId: original.workflowId, version: original.version, input: original.input, trigger: { type: 'retry', execution_id: id }, rerunOf: id, carriedSteps }));
    },

    /** A new execution that reuses the outputs of the steps before `stepId` and runs it and everything after. */
    async rerunFrom(id: string, stepId: string): Promise<ExecutionRecord> {
      const original = await getOrThrow(id);
      if (!finishedExecutionStatuses.includes(original.status)) {
        throw new ConflictError(`Execution ${id} is still ${original.status}; re-run it once it has ended.`, { code: 'execution_running' });
      }
      const version = await deps.workflows.version(original.workflowId, original.version);
      const plan = planWorkflow(version!.definition);
      if (!version!.definition.steps.some((s) => s.id === stepId)) {
        throw new InputError(`Workflow version ${original.version} has no step "${stepId}".`, { code: 'step_not_found', details: { step_id: [`unknown step; steps are ${version!.definition.steps.map((s) => s.id).join(', ')}`] } });
      }
      const rerun = new Set(stepsFrom(plan, stepId));
      const carriedSteps = await carryOver(original, (row) => !rerun.has(row.stepId));
      return queued(await deps.executions.create({ workflowId: original.workflowId, version: original.version, input: original.input, trigger: { type: 'rerun', execution_id: id, from_step: stepId }, rerunOf: id, carriedSteps }));
    },
  };
}
