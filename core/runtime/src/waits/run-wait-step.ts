import { ConflictError, describeZodError, InputError, TimeoutError, toFieldErrors, type z } from '@dwc/sdk';
import { resolveTemplate, type ExpressionScope, type WorkflowDefinition } from '../engine/index.js';
import { stepRef, type RunState } from '../executions/run-state.js';
import type { StepResult } from '../executions/run-step-attempts.js';
import { toStoredError, type StepFailureContext } from '../executions/step-errors.js';
import { eventOutput } from '../executions/step-events.js';
import type { WaitStore, WaitRecord } from './wait-store.js';
import { approvalInputSchema, waitEventInputSchema, waitUntilInputSchema, type WaitKind } from './wait-step-types.js';

type Step = WorkflowDefinition['steps'][number];

/** A waiting step's result: ended (succeeded or failed), or still `waiting` (the run parks). */
export type WaitStepResult = StepResult | { status: 'waiting'; output?: undefined; error?: undefined };

const inputSchemas: Record<WaitKind, z.ZodType> = { until: waitUntilInputSchema, event: waitEventInputSchema, approval: approvalInputSchema };

/**
 * Runs a `wait.until`, `wait.event` or `approval` step. The first time it writes the wake-up row
 * and the step row as `waiting`, and answers `waiting`: the run then parks the execution. When
 * the run resumes it reads the row again: resolved (a decision, an event) or past its deadline
 * (a timeout, resolved here, first writer wins) ends the step; otherwise it is still waiting.
 */
export async function runWaitStep(waits: WaitStore, state: RunState, step: Step, kind: WaitKind, scope: ExpressionScope, failure: StepFailureContext): Promise<WaitStepResult> {
  if (state.calls.length > 1) {
    throw new ConflictError(`a "${step.type}" step cannot wait inside a workflow run by workflow.call; put the wait in the calling workflow`, { code: 'wait_in_called_workflow' });
  }
  if (step.for_each !== undefined) {
    throw new InputError(`a "${step.type}" step does not fan out; remove its for_each`, { code: 'invalid_step_input', details: [{ step: step.id, field: 'for_each', message: 'not allowed on a waiting step' }] });
  }
  const resolved = await resolveTemplate(step.input, scope, { stepId: step.id, path: 'input' });
  const parsed = inputSchemas[kind].safeParse(resolved);
  if (!parsed.success) {
    const context = { schema: inputSchemas[kind], input: resolved };
    throw new InputError(`input is invalid: ${describeZodError(parsed.error, context)}`, { code: 'invalid_step_input', details: toFieldErrors(parsed.error, context) });
  }
  const input = parsed.data as Record<string, unknown>;
  const executionId = state.execution.id;
  let wait = await waits.get(executionId, step.id);
  if (!wait) {
    const now = Date.now();
    const wakeAt = deadlineOf(kind, input, now);
    if (kind === 'until' && wakeAt! <= now) return finish(state, step, resolved, new Date(now), untilOutput(wakeAt!), failure);
    wait = await waits.open({
      executionId, stepId: step.id, kind, wakeAt,
      eventType: kind === 'event' ? (input.event_type as string) : null,
      match: kind === 'event' ? (input.match as Record<string, unknown>) : null,
      approvers: kind === 'approval' ? (input.approvers as string[]) : null,
      message: kind === 'approval' ? (input.message as string) : null,
    });
    await state.store.startStep(executionId, step.id, -1, resolved, 1, wait.createdAt, 'waiting');
    state.events.step('waiting', step.id, waitingEvent(wait));
  }
  if (wait.status === 'waiting' && wait.wakeAt !== null && wait.wakeAt <= Date.now()) {
    await waits.resolve(executionId, step.id, timeoutOutcome(wait));
    wait = (await waits.get(executionId, step.id))!;
  }
  if (wait.status === 'waiting') return { status: 'waiting' };
  return finish(state, step, resolved, wait.createdAt, wait.outcome ?? {}, failure, input);
}

function deadlineOf(kind: WaitKind, input: Record<string, unknown>, now: number): number | null {
  if (kind === 'until') return typeof input.until === 'string' ? Date.parse(input.until) : now + (input.duration_ms as number);
  return typeof input.timeout_ms === 'number' ? now + input.timeout_ms : null;
}

const untilOutput = (wakeAt: number) => ({ waited_until: new Date(wakeAt).toISOString(), resumed_at: new Date().toISOString() });

/** The step's output when its deadline passed first. */
export function timeoutOutcome(wait: Pick<WaitRecord, 'kind' | 'wakeAt'>): Record<string, unknown> {
  const now = new Date().toISOString();
  if (wait.kind === 'until') return untilOutput(wait.wakeAt ?? Date.now());
  if (wait.kind === 'event') return { timed_out: true, event: null, resumed_at: now };
  return { decision: 'timed_out', approved: false, timed_out: true, decided_by: null, decided_at: now, comment: null };
}

/** What the `step.waiting` event tells the UI: what the step waits for and until when. */
function waitingEvent(wait: WaitRecord): Record<string, unknown> {
  return {
    kind: wait.kind,
    wake_at: wait.wakeAt === null ? null : new Date(wait.wakeAt).toISOString(),
    ...(wait.eventType === null ? {} : { event_type: wait.eventType }),
    ...(wait.approvers === null ? {} : { approvers: wait.approvers, message: wait.message }),
  };
}

/** Commits the step's end: its output, or the failure `on_timeout` / `on_reject` ask for. */
async function finish(state: RunState, step: Step, input: unknown, startedAt: Date, output: Record<string, unknown>, failure: StepFailureContext, settings: Record<string, unknown> = {}): Promise<StepResult> {
  const ref = { ...stepRef(state, step.id), input, attempts: 1, startedAt };
  const failWith = output.timed_out === true && settings.on_timeout === 'fail'
    ? new TimeoutError('the wait timed out (on_timeout: "fail")', { code: 'wait_timed_out', details: output })
    : output.decision === 'rejected' && settings.on_reject === 'fail'
      ? new ConflictError(`the approval was rejected by ${(output.decided_by as { label?: string } | null)?.label ?? 'an approver'}`, { code: 'approval_rejected', details: output })
      : undefined;
  if (failWith) {
    const error = toStoredError(failWith, failure);
    await state.store.finishStep(ref, { status: 'failed', output, error });
    state.events.step('failed', step.id, { attempt: 1, error });
    return { status: 'failed', error };
  }
  await state.store.finishStep(ref, { status: 'succeeded', output });
  state.events.step('succeeded', step.id, { attempt: 1, duration_ms: Date.now() - startedAt.getTime(), documents: 0, ...eventOutput(output) });
  return { status: 'succeeded', output };
}
