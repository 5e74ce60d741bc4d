import { InputError } from '@dwc/sdk';
import { resolveTemplate, type ExpressionScope, type WorkflowDefinition } from '../engine/index.js';
import type { WorkflowStore } from '../workflows/workflow-store.js';
import { checkCall, DescendantLimitError, type CallFrame, type CallLimits, type CallTarget } from './call-limits.js';
import type { ExecutionStore } from './execution-store.js';
import type { ExecutionRecord, StoredError } from './execution-types.js';
import type { FinishedRun, RunOptions } from './execution-runner.js';
import { stepRef, type RunState } from './run-state.js';
import type { StepResult } from './run-step-attempts.js';
import { eventOutput } from './step-events.js';
import { failureDetails, type StepFailureContext } from './step-errors.js';

export interface CallWorkflowDeps {
  executions: ExecutionStore;
  workflows: WorkflowStore<WorkflowDefinition>;
  limits: CallLimits;
  run(executionId: string, options: RunOptions): Promise<FinishedRun>;
}

type Step = WorkflowDefinition['steps'][number];

const latestOf = (workflows: WorkflowStore<WorkflowDefinition>) => async (id: string): Promise<CallTarget | undefined> => {
  const workflow = await workflows.get(id);
  return workflow && { id: workflow.id, name: workflow.definition.name, definition: workflow.definition };
};

/**
 * Runs a `workflow.call` step: starts the called workflow's latest version as a child execution
 * (or, on resume, takes up the one it started) and runs it here, inside this run. A call that
 * would close a cycle, nest too deep or start too many executions under one root is refused
 * before anything is written. The step fails with the child's own error code.
 */
export async function callWorkflow(deps: CallWorkflowDeps, state: RunState, step: Step, scope: ExpressionScope, failure: StepFailureContext): Promise<StepResult> {
  const input = (await resolveTemplate(step.input, scope, { stepId: step.id, path: 'input' })) as { workflow_id?: unknown; input?: unknown };
  if (typeof input.workflow_id !== 'string') throw new InputError('input.workflow_id must name the workflow to call', { code: 'invalid_step_input' });
  const startedAt = new Date();
  let child = await deps.executions.childOf(state.execution.id, step.id);
  let target: CallFrame;
  let created: ExecutionRecord | undefined;
  if (child) {
    const version = await deps.workflows.version(child.workflowId, child.version);
    target = { executionId: child.id, workflowId: child.workflowId, name: version?.definition.name ?? child.workflowId };
  } else {
    const workflow = await deps.workflows.require(input.workflow_id);
    await checkCall(state.calls, { id: workflow.id, name: workflow.definition.name, definition: workflow.definition }, deps.limits, latestOf(deps.workflows));
    await countChild(deps, state);
    await deps.executions.startStep(state.execution.id, step.id, -1, input, 1, startedAt);
    child = created = await deps.executions.create({ workflowId: workflow.id, version: workflow.version, input: input.input ?? {}, parentExecutionId: state.execution.id, parentStepId: step.id, enqueue: false });
    target = { executionId: child.id, workflowId: workflow.id, name: workflow.definition.name };
  }
  state.events.step('started', step.id, { attempt: 1 });
  const ended = await deps.run(child.id, { workerId: state.workerId, signal: state.signal, calls: [...state.calls, target], tree: state.tree, ...(created ? { created } : {}) });
  const ref = { ...stepRef(state, step.id), input, startedAt };
  if (ended.status === 'succeeded') {
    const output = { execution_id: child.id, output: ended.output };
    await state.store.finishStep(ref, { status: 'succeeded', output });
    state.events.step('succeeded', step.id, { child_execution_id: child.id, ...eventOutput(output) });
    return { status: 'succeeded', output };
  }
  const error = childError(child, target, ended, failure);
  const status = ended.status === 'cancelled' ? 'cancelled' : 'failed';
  await state.store.finishStep(ref, { status, error });
  state.events.step('failed', step.id, { error });
  return { status, error };
}

/** Counts one more execution under the root run, refusing it past the limit. */
async function countChild(deps: CallWorkflowDeps, state: RunState): Promise<void> {
  const tree = state.tree;
  if (typeof tree.descendants !== 'number') {
    // Parallel branches may wait for the same count; the first to get it keeps it.
    tree.descendants ??= deps.executions.countDescendants(tree.rootId);
    const counted = await tree.descendants;
    if (typeof tree.descendants !== 'number') tree.descendants = counted;
  }
  if (tree.descendants >= deps.limits.maxDescendants) throw new DescendantLimitError(tree.rootId, deps.limits.maxDescendants);
  tree.descendants++;
}

/**
 * The call step's error: the child's own code, a message that says which workflow it called, and
 * in `details` where the failure began (`origin`, the deepest failed step) with that step's cause.
 */
function childError(child: ExecutionRecord, target: CallFrame, ended: FinishedRun, failure: StepFailureContext): StoredError {
  const cause = ended.error;
  const inner = (cause?.details ?? undefined) as Record<string, unknown> | undefined;
  const origin = inner && ('origin' in inner ? inner.origin : pickFailure(inner));
  return {
    code: cause?.code ?? 'child_execution_failed',
    message: `step "${failure.stepId}" in workflow "${failure.workflowName}": the called workflow "${target.name}" (${target.workflowId}) ended ${ended.status}${cause ? `: ${cause.message}` : ''}`,
    details: {
      ...failureDetails(failure),
      child_execution_id: child.id,
      ...(origin === undefined ? {} : { origin }),
      ...(inner?.cause === undefined ? {} : { cause: inner.cause }),
    },
  };
}

function pickFailure(details: Record<string, unknown>): Record<string, unknown> {
  const { workflow_id, workflow, step_id, action, plugin } = details;
  return { workflow_id, workflow, step_id, action, plugin };
}
