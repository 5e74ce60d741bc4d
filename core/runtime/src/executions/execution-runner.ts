import type { ActionDefinition, EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import { planWorkflow, type WorkflowDefinition } from '../engine/index.js';
import type { StepAiFactory } from '../ai/step-ai.js';
import type { RegisteredCapability } from '../plugin-host/capability-registry.js';
import type { Registries } from '../plugin-host/registries.js';
import type { WorkflowStore } from '../workflows/workflow-store.js';
import { addFields } from './add-fields.js';
import { DEFAULT_CALL_LIMITS, type CallFrame, type CallLimits, type CallTree } from './call-limits.js';
import type { ExecutionStore } from './execution-store.js';
import type { ExecutionRecord, StepRecord, StoredError } from './execution-types.js';
import { finishedExecutionStatuses } from './execution-types.js';
import { createStepResultHold } from './step-result-hold.js';
import { runGraph, type Plan } from './run-graph.js';
import { runSignal } from './run-signal.js';
import { topLevelSteps, type RunState } from './run-state.js';
import type { StepRunnerDeps } from './run-step.js';
import { watchRun, type RunWatch } from './run-watch.js';
import { eventOutput, executionEvents } from './step-events.js';
import type { WaitStore } from '../waits/wait-store.js';

export { CALL_WORKFLOW_STEP } from '../engine/workflow-call.js';

export interface ExecutionRunnerDeps {
  executions: ExecutionStore;
  workflows: WorkflowStore<WorkflowDefinition>;
  registries: Registries;
  events: EventBus;
  logger: Logger;
  /** How often a running execution checks whether it was cancelled. */
  cancelPollMs?: number;
  /** Builds each step's `ctx.ai`; without it actions see no AI service. */
  stepAi?: StepAiFactory;
  /** How deep `workflow.call` may nest and how many executions one root run may start (DWC_MAX_CALL_DEPTH, DWC_MAX_DESCENDANTS). */
  callLimits?: CallLimits;
  /** Wake-up rows of waiting steps; without it `wait.until`, `wait.event` and `approval` are unknown step types. */
  waits?: WaitStore;
}

export type ExecutionRunner = ReturnType<typeof createExecutionRunner>;

/** What a run returns: the execution as it stands, and, when it ran to an end here, its top-level steps. */
export type FinishedRun = ExecutionRecord & { steps?: StepRecord[] };

export interface RunOptions {
  workerId?: string | undefined;
  signal: AbortSignal;
  /** Aborts `signal` (the job's), which the run then passes to its steps as is (see `runSignal`). */
  abort?: (reason: unknown) => void;
  /** False when no job row stands for this run (an `unstoredJob`): its end then writes none, and parking it queues one. */
  jobStored?: boolean;
  /** The record of an execution this process has just written (no carried-over steps): spares reading it back. */
  created?: ExecutionRecord;
  /** For a child run: the calling chain (this run last) and its root's count of executions. */
  calls?: readonly CallFrame[];
  tree?: CallTree;
}

const CANCELLED: StoredError = { code: 'cancelled', message: 'The execution was cancelled.' };

/**
 * Runs an execution from wherever it stands: steps already committed keep their result and are
 * not run again; a step that was running when the process died runs again (at-least-once for the
 * step in flight). Steps run in dependency order, independent branches in parallel.
 */
export function createExecutionRunner(deps: ExecutionRunnerDeps) {
  const cancelPollMs = deps.cancelPollMs ?? 500;
  // Stored versions never change and the workflow store hands out the same definition object for
  // a version, so each is planned once.
  const plans = new WeakMap<WorkflowDefinition, Plan>();
  const planOf = (definition: WorkflowDefinition) => {
    let plan = plans.get(definition);
    if (!plan) plans.set(definition, (plan = planWorkflow(definition)));
    return plan;
  };
  // One child logger per action, so every line a step logs names its plugin and action.
  const loggers = new WeakMap<ActionDefinition, Logger>();
  const stepDeps: StepRunnerDeps = {
    registries: deps.registries,
    steps: deps.executions,
    stepAi: deps.stepAi,
    waits: deps.waits,
    call: { executions: deps.executions, workflows: deps.workflows, limits: deps.callLimits ?? DEFAULT_CALL_LIMITS, run },
    loggerFor(entry: RegisteredCapability<ActionDefinition>) {
      let logger = loggers.get(entry.definition);
      if (!logger) loggers.set(entry.definition, (logger = deps.logger.child({ plugin: entry.plugin, action: entry.definition.type })));
      return logger;
    },
  };

  async function run(executionId: string, options: RunOptions): Promise<FinishedRun> {
    const fresh = options.created !== undefined && options.created.rerunOf === null;
    const jobStored = options.jobStored ?? true;
    const execution = options.created ?? (await deps.executions.get(executionId));
    if (!execution) throw new Error(`execution ${executionId} does not exist`);
    if (finishedExecutionStatuses.includes(execution.status)) {
      if (options.workerId) await deps.executions.finish(executionId, options.workerId, { status: execution.status as 'succeeded' }, undefined, undefined, [], jobStored);
      return execution;
    }
    const events = executionEvents(deps.events, { executionId, workflowId: execution.workflowId, version: execution.version });
    const hold = createStepResultHold(deps.executions, events);
    const runStartedAt = new Date();
    // The step rows this run began from, once read (a fresh run has none).
    let rows: StepRecord[] | undefined;
    const finish = async (status: 'succeeded' | 'failed' | 'cancelled', result: { output?: unknown; error?: StoredError }) => {
      const finishedAt = new Date();
      await deps.executions.finish(executionId, options.workerId ?? '', { status, ...result }, runStartedAt, finishedAt, hold.take(), jobStored);
      hold.release();
      events.execution(status, status === 'succeeded' ? eventOutput(result.output) : result.error ? { error: result.error } : undefined);
      const ended = addFields({} as FinishedRun, execution);
      ended.status = status;
      ended.output = result.output ?? null;
      ended.error = result.error ?? null;
      ended.startedAt = execution.startedAt ?? runStartedAt;
      ended.finishedAt = finishedAt;
      if (rows) ended.steps = topLevelSteps(rows, hold.written);
      return ended;
    };
    // Only waiting steps are left: commit what ran, hand the job back to the queue until a wait ends, hold no worker.
    const park = async (stepIds: string[], watch: RunWatch): Promise<FinishedRun> => {
      await watch.settle();
      await hold.flush();
      const parked = deps.waits && options.workerId ? await deps.waits.park(executionId, options.workerId, stepIds, jobStored) : { parked: false, runAt: 0 };
      if (parked.parked) events.execution('waiting', { waiting_steps: stepIds });
      const now = addFields({} as FinishedRun, execution);
      now.status = parked.parked ? 'waiting' : 'running';
      if (rows) now.steps = topLevelSteps(rows, hold.written);
      return now;
    };
    if (execution.cancelRequested) return finish('cancelled', { error: CANCELLED });

    const version = await deps.workflows.version(execution.workflowId, execution.version);
    if (!version) return finish('failed', { error: { code: 'workflow_version_missing', message: `Workflow ${execution.workflowId} version ${execution.version} no longer exists.` } });
    if (execution.status === 'queued') events.execution('started');
    else if (execution.status === 'waiting') events.execution('resumed');

    const { signal, abort, detach } = runSignal(options.signal, options.abort);
    const watch = watchRun({
      markRunning: () => deps.executions.markRunning(executionId, runStartedAt),
      isCancelRequested: () => deps.executions.isCancelRequested(executionId),
      cancelPollMs, signal, abort,
    });
    try {
      rows = fresh ? [] : await deps.executions.allSteps(executionId);
      const state: RunState = {
        execution, definition: version.definition, statuses: new Map(), outputs: new Map(), errors: new Map(), rows, events: hold.events,
        signal, store: hold.store, hold, workerId: options.workerId,
        calls: options.calls ?? [{ executionId, workflowId: execution.workflowId, name: version.definition.name }],
        tree: options.tree ?? { rootId: executionId, descendants: fresh ? 0 : undefined },
      };
      for (const row of rows) {
        if (row.itemIndex !== -1) continue;
        state.statuses.set(row.stepId, row.status === 'running' || row.status === 'waiting' || row.status === 'cancelled' ? 'pending' : row.status);
        if (row.status === 'succeeded') state.outputs.set(row.stepId, row.outputBlobId ? await deps.executions.blob(row.outputBlobId) : row.output);
        if (row.error) state.errors.set(row.stepId, row.error);
      }
      const outcome = await runGraph(stepDeps, state, planOf(version.definition));
      if (watch.cancelled) return finish('cancelled', { error: CANCELLED });
      if (options.signal.aborted) {
        // The worker is stopping or lost its lease: leave the execution running for whoever resumes it.
        await hold.flush();
        return { ...execution, status: 'running' };
      }
      if (outcome.status === 'waiting') return await park(outcome.stepIds, watch);
      return outcome.status === 'succeeded' ? finish('succeeded', { output: outcome.output }) : finish('failed', { error: outcome.error });
    } finally {
      watch.stop();
      detach();
    }
  }

  return { run };
}
