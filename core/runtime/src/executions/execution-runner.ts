import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import { evaluateCondition, evaluateList, NO_RETRY, planWorkflow, readySteps, resolveTemplate, type ExpressionScope, type WorkflowDefinition } from '../engine/index.js';
import type { StepAiFactory } from '../ai/step-ai.js';
import type { Registries } from '../plugin-host/registries.js';
import type { WorkflowStore } from '../workflows/workflow-store.js';
import type { ExecutionStore } from './execution-store.js';
import type { ExecutionRecord, StepRecord, StepStatus, StoredError } from './execution-types.js';
import { finishedExecutionStatuses } from './execution-types.js';
import { RECORD_START_AFTER_MS, runStepAttempts, type StepResult } from './run-step-attempts.js';
import { ExecutionCancelledError, toStoredError } from './step-errors.js';
import { runSignal } from './run-signal.js';
import { createFinalStepHold, type FinalStepHold, type StepWriter } from './final-step-hold.js';
import { eventOutput, executionEvents, type ExecutionEvents } from './step-events.js';
import { CALL_WORKFLOW_STEP } from '../engine/workflow-call.js';

type StepDefinition = WorkflowDefinition['steps'][number];


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
}

interface RunState {
  execution: ExecutionRecord;
  definition: WorkflowDefinition;
  statuses: Map<string, StepStatus>;
  outputs: Map<string, unknown>;
  errors: Map<string, StoredError>;
  rows: StepRecord[];
  /** Writes step results (holding the final one, see `hold`), noting in `written` each top-level one. */
  store: StepWriter;
  written: Map<string, StepRecord>;
  hold: FinalStepHold;
  events: ExecutionEvents;
  signal: AbortSignal;
}

export type ExecutionRunner = ReturnType<typeof createExecutionRunner>;

/** What a run returns: the execution as it stands, and, when it ran to an end here, its top-level steps. */
export type FinishedRun = ExecutionRecord & { steps?: StepRecord[] };

/**
 * Runs an execution from wherever it stands: steps already committed keep their result and are
 * not run again; a step that was running when the process died runs again (at-least-once for the
 * step in flight). Steps run in dependency order, independent branches in parallel.
 */
export function createExecutionRunner(deps: ExecutionRunnerDeps) {
  const cancelPollMs = deps.cancelPollMs ?? 500;
  // Stored versions never change and the workflow store hands out the same definition object for
  // a version, so each is planned once.
  const plans = new WeakMap<WorkflowDefinition, ReturnType<typeof planWorkflow>>();
  const planOf = (definition: WorkflowDefinition) => {
    let plan = plans.get(definition);
    if (!plan) plans.set(definition, (plan = planWorkflow(definition)));
    return plan;
  };

  /**
   * `created` is the record of an execution this process has just written (with no carried-over
   * steps), which spares reading it and its steps back. `abort` aborts `signal` (the job's), which
   * the run then passes to its steps as is (see `runSignal`).
   */
  async function run(executionId: string, options: { workerId?: string; signal: AbortSignal; abort?: (reason: unknown) => void; created?: ExecutionRecord }): Promise<FinishedRun> {
    const fresh = options.created !== undefined && options.created.rerunOf === null;
    const execution = options.created ?? (await deps.executions.get(executionId));
    if (!execution) throw new Error(`execution ${executionId} does not exist`);
    if (finishedExecutionStatuses.includes(execution.status)) {
      if (options.workerId) await deps.executions.finish(executionId, options.workerId, { status: execution.status as 'succeeded' });
      return execution;
    }
    const events = executionEvents(deps.events, { executionId, workflowId: execution.workflowId, version: execution.version });
    const hold = createFinalStepHold(deps.executions, events);
    const runStartedAt = new Date();
    let finalSteps: (() => StepRecord[]) | undefined;
    const finish = async (status: 'succeeded' | 'failed' | 'cancelled', result: { output?: unknown; error?: StoredError }) => {
      const finishedAt = new Date();
      await deps.executions.finish(executionId, options.workerId ?? '', { status, ...result }, runStartedAt, finishedAt, hold.take());
      hold.release();
      events.execution(status, status === 'succeeded' ? eventOutput(result.output) : result.error ? { error: result.error } : undefined);
      const ended: FinishedRun = Object.assign({}, execution);
      ended.status = status;
      ended.output = result.output ?? null;
      ended.error = result.error ?? null;
      ended.startedAt = execution.startedAt ?? runStartedAt;
      ended.finishedAt = finishedAt;
      ended.steps = finalSteps?.();
      return ended;
    };
    if (execution.cancelRequested) return finish('cancelled', { error: { code: 'cancelled', message: 'The execution was cancelled.' } });

    const version = await deps.workflows.version(execution.workflowId, execution.version);
    if (!version) return finish('failed', { error: { code: 'workflow_version_missing', message: `Workflow ${execution.workflowId} version ${execution.version} no longer exists.` } });
    // Like a step's start, the running state is written only once the run has lasted a while;
    // `finish` sets `started_at` for runs that ended sooner.
    const markRunning = setTimeout(() => void deps.executions.markRunning(executionId, runStartedAt).catch(() => undefined), RECORD_START_AFTER_MS);
    if (execution.status === 'queued') events.execution('started');

    const { signal, abort, detach } = runSignal(options.signal, options.abort);
    let cancelled = false;
    const poll = setInterval(() => {
      deps.executions.isCancelRequested(executionId).then((requested) => {
        if (requested && !signal.aborted) {
          cancelled = true;
          abort(new ExecutionCancelledError());
        }
      }, () => undefined);
    }, cancelPollMs);

    try {
      const rows = fresh ? [] : await deps.executions.allSteps(executionId);
      const written = new Map<string, StepRecord>();
      const state: RunState = {
        execution, definition: version.definition, statuses: new Map(), outputs: new Map(), errors: new Map(), rows, events: hold.events,
        signal, store: notingWrites(hold.store, written), written, hold,
      };
      finalSteps = () => topLevelSteps(rows, written);
      for (const row of rows) {
        if (row.itemIndex !== -1) continue;
        const resumable = row.status === 'running' || row.status === 'cancelled' ? 'pending' : row.status;
        state.statuses.set(row.stepId, resumable);
        if (row.status === 'succeeded') state.outputs.set(row.stepId, row.outputBlobId ? await deps.executions.blob(row.outputBlobId) : row.output);
        if (row.error) state.errors.set(row.stepId, row.error);
      }
      const outcome = await runGraph(state, options.workerId);
      if (cancelled) {
        return finish('cancelled', { error: { code: 'cancelled', message: 'The execution was cancelled.' } });
      }
      if (options.signal.aborted) {
        // The worker is stopping or lost its lease: leave the execution running for whoever resumes it.
        await hold.flush();
        return { ...execution, status: 'running' };
      }
      return outcome.status === 'succeeded' ? finish('succeeded', { output: outcome.output }) : finish('failed', { error: outcome.error });
    } finally {
      clearTimeout(markRunning);
      clearInterval(poll);
      detach();
    }
  }

  async function runGraph(state: RunState, workerId: string | undefined): Promise<{ status: 'succeeded'; output: unknown } | { status: 'failed'; error: StoredError }> {
    const plan = planOf(state.definition);
    const inflight = new Map<string, Promise<void>>();
    for (;;) {
      const ready = readySteps(plan, state.statuses);
      for (const { id: stepId, reason } of ready.skip) {
        state.statuses.set(stepId, 'skipped');
        await state.store.finishStep(stepRef(state, stepId), { status: 'skipped', output: { reason } });
        state.events.step('skipped', stepId, { reason });
      }
      const failedBlock = ready.blocked.length > 0;
      if (!failedBlock && !state.signal.aborted) {
        for (const stepId of ready.start) {
          if (inflight.has(stepId)) continue;
          state.statuses.set(stepId, 'running');
          if (inflight.size === 0 && ready.start.length === 1 && othersSettled(plan, state.statuses, stepId)) state.hold.holdFinal(stepId);
          const step = state.definition.steps.find((s) => s.id === stepId)!;
          inflight.set(stepId, runOneStep(state, step, workerId).then((result) => {
            state.statuses.set(stepId, result.status === 'skipped' ? 'skipped' : result.status);
            if (result.status === 'succeeded') state.outputs.set(stepId, result.output);
            if (result.error) state.errors.set(stepId, result.error);
            inflight.delete(stepId);
          }));
        }
      }
      if (inflight.size === 0) {
        if (ready.skip.length > 0 && !failedBlock && !state.signal.aborted) continue;
        const unrecovered = [...state.statuses].find(([id, status]) =>
          status === 'cancelled' || (status === 'failed' && plan.steps.get(id)?.step.continue_on_error !== true));
        if (failedBlock || state.signal.aborted || !ready.complete || unrecovered) {
          const failed = unrecovered ?? [...state.statuses].find(([, status]) => status === 'failed' || status === 'cancelled');
          const error = failed ? state.errors.get(failed[0]) : undefined;
          return { status: 'failed', error: error ?? { code: 'execution_failed', message: 'The execution could not finish.' } };
        }
        return { status: 'succeeded', output: executionOutput(state, plan) };
      }
      // One step in flight (a chain) is awaited as is; Promise.race costs a promise per call.
      await (inflight.size === 1 ? inflight.values().next().value : Promise.race(inflight.values()));
    }
  }

  async function runOneStep(state: RunState, step: StepDefinition, workerId: string | undefined): Promise<StepResult | { status: 'skipped'; error?: undefined; output?: unknown }> {
    const where = `step "${step.id}"`;
    const scope = scopeOf(state);
    const fail = async (error: unknown): Promise<StepResult> => {
      const stored = toStoredError(error, where);
      await state.store.finishStep(stepRef(state, step.id), { status: 'failed', error: stored });
      state.events.step('failed', step.id, { error: stored });
      return { status: 'failed', error: stored };
    };
    try {
      if (step.when !== undefined && !(await evaluateCondition(step.when, scope, { stepId: step.id, path: 'when' }))) {
        const output = { reason: `condition is false: ${step.when}` };
        await state.store.finishStep(stepRef(state, step.id), { status: 'skipped', output });
        state.events.step('skipped', step.id, output);
        return { status: 'skipped', output };
      }
      if (step.type === CALL_WORKFLOW_STEP) return await callWorkflow(state, step, scope, workerId);
      const action = deps.registries.actions.get(step.type);
      if (!action) {
        throw Object.assign(new Error(`no action "${step.type}" is registered; is the plugin that provides it installed and enabled?`), { code: 'action_not_found' });
      }
      const prior = state.rows.find((r) => r.stepId === step.id && r.itemIndex === -1)?.attempts ?? 0;
      const common = {
        executionId: state.execution.id, workflowId: state.execution.workflowId, stepId: step.id, action,
        retry: step.retry ?? NO_RETRY, timeoutMs: step.timeout_ms, signal: state.signal, store: state.store, events: state.events, logger: deps.logger,
        stepAi: deps.stepAi, aiChain: aiChainOf(state.definition),
      };
      if (step.for_each === undefined) {
        const input = await resolveTemplate(step.input, scope, { stepId: step.id, path: 'input' });
        return await runStepAttempts(Object.assign(common, { itemIndex: -1, input, priorAttempts: prior }));
      }
      const items = await evaluateList(step.for_each, scope, { stepId: step.id, path: 'for_each' });
      return await runFanOut(state, step, items, scope, common);
    } catch (error) {
      return fail(error);
    }
  }

  async function runFanOut(
    state: RunState,
    step: StepDefinition,
    items: unknown[],
    scope: ExpressionScope,
    common: Omit<Parameters<typeof runStepAttempts>[0], 'itemIndex' | 'input' | 'priorAttempts'>,
  ): Promise<StepResult> {
    const results: StepResult[] = new Array(items.length);
    const previous = new Map(state.rows.filter((r) => r.stepId === step.id && r.itemIndex >= 0).map((r) => [r.itemIndex, r]));
    const startedAt = new Date();
    state.events.step('started', step.id, { items: items.length });
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < items.length && !state.signal.aborted) {
        const index = next++;
        const earlier = previous.get(index);
        if (earlier?.status === 'succeeded') {
          results[index] = { status: 'succeeded', output: earlier.outputBlobId ? await deps.executions.blob(earlier.outputBlobId) : earlier.output };
        } else {
          const itemScope = { ...scope, item: items[index], index };
          let input: unknown;
          try {
            input = await resolveTemplate(step.input, itemScope, { stepId: step.id, path: `item ${index} input` });
          } catch (error) {
            results[index] = { status: 'failed', error: toStoredError(error, `step "${step.id}" item ${index}`) };
            await state.store.finishStep({ ...stepRef(state, step.id), itemIndex: index }, { status: 'failed', error: results[index].error });
            continue;
          }
          results[index] = await runStepAttempts({ ...common, itemIndex: index, input, priorAttempts: earlier?.attempts ?? 0 });
        }
        done++;
        if (done % 100 === 0) state.events.step('progress', step.id, { done, total: items.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(step.concurrency ?? 4, Math.max(1, items.length)) }, worker));
    if (state.signal.aborted) return { status: 'cancelled', error: toStoredError(new ExecutionCancelledError(), `step "${step.id}"`) };
    const failures = results.map((r, i) => [i, r] as const).filter(([, r]) => r?.status !== 'succeeded');
    const output = results.map((r) => (r?.status === 'succeeded' ? r.output : null));
    const base = { ...stepRef(state, step.id), startedAt, attempts: 1 };
    if (failures.length > 0) {
      const [firstIndex, first] = failures[0]!;
      const error: StoredError = {
        code: 'fan_out_failed',
        message: `step "${step.id}": ${failures.length} of ${items.length} items failed; item ${firstIndex}: ${first?.error?.message ?? 'did not finish'}`,
        details: { failed_items: failures.slice(0, 100).map(([i]) => i) },
      };
      await state.store.finishStep(base, { status: 'failed', output, error });
      state.events.step('failed', step.id, { error });
      return { status: 'failed', output, error };
    }
    await state.store.finishStep(base, { status: 'succeeded', output });
    state.events.step('succeeded', step.id, { items: items.length, duration_ms: Date.now() - startedAt.getTime(), ...eventOutput(output) });
    return { status: 'succeeded', output };
  }

  async function callWorkflow(state: RunState, step: StepDefinition, scope: ExpressionScope, workerId: string | undefined): Promise<StepResult> {
    const input = (await resolveTemplate(step.input, scope, { stepId: step.id, path: 'input' })) as { workflow_id?: unknown; input?: unknown };
    if (typeof input.workflow_id !== 'string') throw Object.assign(new Error('input.workflow_id must name the workflow to call'), { code: 'invalid_step_input' });
    const startedAt = new Date();
    await deps.executions.startStep(state.execution.id, step.id, -1, input, 1, startedAt);
    state.events.step('started', step.id, { attempt: 1 });
    const existing = (await deps.executions.list({ parentExecutionId: state.execution.id, limit: 100 })).find((e) => e.parentStepId === step.id);
    let childId = existing?.id;
    if (!childId) {
      const target = await deps.workflows.require(input.workflow_id);
      if (target.id === state.execution.workflowId) throw Object.assign(new Error('a workflow cannot call itself'), { code: 'invalid_step_input' });
      childId = (await deps.executions.create({ workflowId: target.id, version: target.version, input: input.input ?? {}, parentExecutionId: state.execution.id, parentStepId: step.id, enqueue: false })).id;
    }
    const child = await run(childId, { workerId, signal: state.signal });
    const ref = { ...stepRef(state, step.id), input, startedAt };
    if (child.status === 'succeeded') {
      const output = { execution_id: childId, output: child.output };
      await state.store.finishStep(ref, { status: 'succeeded', output });
      state.events.step('succeeded', step.id, { child_execution_id: childId, ...eventOutput(output) });
      return { status: 'succeeded', output };
    }
    const error: StoredError = { code: 'child_execution_failed', message: `step "${step.id}": called workflow ${input.workflow_id} ended ${child.status}: ${child.error?.message ?? ''}`, details: { execution_id: childId } };
    await state.store.finishStep(ref, { status: child.status === 'cancelled' ? 'cancelled' : 'failed', error });
    state.events.step('failed', step.id, { error });
    return { status: child.status === 'cancelled' ? 'cancelled' : 'failed', error };
  }

  return { run };
}

/** `store` with `finishStep` noting each top-level step result in `written`. */
function notingWrites(store: StepWriter, written: Map<string, StepRecord>): StepWriter {
  return {
    startStep: store.startStep,
    async finishStep(step, outcome) {
      const result = await store.finishStep(step, outcome);
      if (step.itemIndex === -1) written.set(step.stepId, result.written);
      return result;
    },
  };
}

const settledStatuses: ReadonlySet<StepStatus | undefined> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Whether every step but `stepId` has ended, so none can run after it. */
function othersSettled(plan: ReturnType<typeof planWorkflow>, statuses: ReadonlyMap<string, StepStatus>, stepId: string): boolean {
  for (const id of plan.steps.keys()) if (id !== stepId && !settledStatuses.has(statuses.get(id))) return false;
  return true;
}

/** The top-level step rows as `ExecutionStore.steps` lists them: by start time (unstarted last), then id. */
function topLevelSteps(before: readonly StepRecord[], written: ReadonlyMap<string, StepRecord>): StepRecord[] {
  const byId = new Map<string, StepRecord>();
  for (const row of before) if (row.itemIndex === -1) byId.set(row.stepId, row);
  for (const [id, row] of written) byId.set(id, row);
  const time = (row: StepRecord) => row.startedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...byId.values()].sort((a, b) => time(a) - time(b) || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0));
}

/** The workflow's AI chain: its provider, then its fallback list. */
function aiChainOf(definition: WorkflowDefinition): string[] | undefined {
  const ai = definition.ai;
  if (!ai) return undefined;
  const chain = [...(ai.provider ? [ai.provider] : []), ...(ai.fallback ?? [])];
  return chain.length > 0 ? chain : undefined;
}

function stepRef(state: RunState, stepId: string) {
  return { executionId: state.execution.id, workflowId: state.execution.workflowId, stepId, itemIndex: -1, input: null, attempts: 0, startedAt: null };
}

function scopeOf(state: RunState): ExpressionScope {
  const steps: Record<string, { output: unknown; status: StepStatus }> = {};
  for (const [id, status] of state.statuses) steps[id] = { output: state.outputs.get(id) ?? null, status };
  return { input: state.execution.input ?? {}, steps, execution: { id: state.execution.id }, workflow: { id: state.execution.workflowId, version: state.execution.version } };
}

/** One leaf step: its output; several: an object of their outputs by step id. */
function executionOutput(state: RunState, plan: ReturnType<typeof planWorkflow>): unknown {
  const leaves = state.definition.steps.map((s) => s.id).filter((id) => (plan.steps.get(id)?.dependents.length ?? 0) === 0);
  const ran = leaves.filter((id) => state.statuses.get(id) === 'succeeded');
  if (leaves.length === 1) return state.outputs.get(leaves[0]!) ?? null;
  return Object.fromEntries(ran.map((id) => [id, state.outputs.get(id) ?? null]));
}
