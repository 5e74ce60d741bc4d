import type { ActionDefinition } from '@dwc/sdk';
import type { Logger } from 'pino';
import { evaluateCondition, evaluateList, NO_RETRY, resolveTemplate, type ExpressionScope, type WorkflowDefinition } from '../engine/index.js';
import type { StepAiFactory } from '../ai/step-ai.js';
import type { RegisteredCapability } from '../plugin-host/capability-registry.js';
import type { Registries } from '../plugin-host/registries.js';
import { CALL_WORKFLOW_STEP } from '../engine/workflow-call.js';
import { callWorkflow, type CallWorkflowDeps } from './call-workflow.js';
import type { StepStore } from './step-store.js';
import type { StoredError } from './execution-types.js';
import { addFields } from './add-fields.js';
import { runFanOut } from './run-fan-out.js';
import { aiChainOf, scopeOf, stepRef, type RunState } from './run-state.js';
import { runStepAttempts, type StepAttemptsInput, type StepResult } from './run-step-attempts.js';
import { ActionNotFoundError, toStoredError, type StepFailureContext } from './step-errors.js';
import { runWaitStep } from '../waits/run-wait-step.js';
import { waitKindOf } from '../waits/wait-step-types.js';
import type { WaitStore } from '../waits/wait-store.js';

export type Step = WorkflowDefinition['steps'][number];

/** What running one step needs beyond its run. */
export interface StepRunnerDeps {
  registries: Registries;
  steps: Pick<StepStore, 'blob'>;
  call: CallWorkflowDeps;
  /** The run's logger with the action's `plugin` and `action` bound (each of its lines names them). */
  loggerFor(entry: RegisteredCapability<ActionDefinition>): Logger;
  stepAi?: StepAiFactory | undefined;
  /** The wake-up rows of `wait.until`, `wait.event` and `approval` steps; without it those steps fail as unknown types. */
  waits?: WaitStore | undefined;
}

export type StepRun = StepResult | { status: 'skipped' | 'waiting'; error?: undefined; output?: unknown };

/** Runs one step to a committed result: its `when`, then the action (fanned out over `for_each`), or a `workflow.call`. */
export async function runStep(deps: StepRunnerDeps, state: RunState, step: Step): Promise<StepRun> {
  const scope = scopeOf(state);
  const waitKind = deps.waits ? waitKindOf(step.type) : undefined;
  const entry = step.type === CALL_WORKFLOW_STEP || waitKind ? undefined : deps.registries.actions.entry(step.type);
  const failure: StepFailureContext = {
    workflowId: state.execution.workflowId, workflowName: state.definition.name, stepId: step.id, action: step.type, plugin: entry?.plugin ?? null,
  };
  try {
    if (step.when !== undefined && !(await evaluateCondition(step.when, scope, { stepId: step.id, path: 'when' }))) {
      const output = { reason: `condition is false: ${step.when}` };
      await state.store.finishStep(stepRef(state, step.id), { status: 'skipped', output });
      state.events.step('skipped', step.id, output);
      return { status: 'skipped', output };
    }
    if (step.type === CALL_WORKFLOW_STEP) return await callWorkflow(deps.call, state, step, scope, failure);
    if (waitKind) return await runWaitStep(deps.waits!, state, step, waitKind, scope as ExpressionScope, failure);
    if (!entry) throw new ActionNotFoundError(step.type);
    const prior = state.rows.find((r) => r.stepId === step.id && r.itemIndex === -1)?.attempts ?? 0;
    const common: Omit<StepAttemptsInput, 'itemIndex' | 'input' | 'priorAttempts'> = {
      executionId: state.execution.id, workflowId: state.execution.workflowId, stepId: step.id, action: entry.definition, failure,
      retry: step.retry ?? NO_RETRY, timeoutMs: step.timeout_ms, signal: state.signal, store: state.store, events: state.events, logger: deps.loggerFor(entry),
      stepAi: deps.stepAi, aiChain: aiChainOf(state.definition),
    };
    if (step.for_each === undefined) {
      if (entry.definition.pure) state.hold.holdPure(step.id);
      const input = await resolveTemplate(step.input, scope, { stepId: step.id, path: 'input' });
      return await runStepAttempts(addFields(common, { itemIndex: -1, input, priorAttempts: prior }));
    }
    const items = await evaluateList(step.for_each, scope, { stepId: step.id, path: 'for_each' });
    return await runFanOut({ state, step, items, scope: scope as ExpressionScope, common, blob: deps.steps.blob });
  } catch (error) {
    const stored: StoredError = toStoredError(error, failure);
    await state.store.finishStep(stepRef(state, step.id), { status: 'failed', error: stored });
    state.events.step('failed', step.id, { error: stored });
    return { status: 'failed', error: stored };
  }
}
