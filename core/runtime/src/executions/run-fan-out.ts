import { resolveTemplate, type ExpressionScope, type WorkflowDefinition } from '../engine/index.js';
import type { StoredError } from './execution-types.js';
import { stepRef, type RunState } from './run-state.js';
import { runStepAttempts, type StepAttemptsInput, type StepResult } from './run-step-attempts.js';
import { ExecutionCancelledError, failureDetails, toStoredError } from './step-errors.js';
import { eventOutput } from './step-events.js';

export interface FanOut {
  state: RunState;
  step: WorkflowDefinition['steps'][number];
  items: unknown[];
  scope: ExpressionScope;
  common: Omit<StepAttemptsInput, 'itemIndex' | 'input' | 'priorAttempts'>;
  /** Reads a spilled output back (an item that had succeeded before a resume). */
  blob(id: string): Promise<unknown>;
}

/**
 * Runs a `for_each` step: one attempt series per item, `concurrency` at a time, items that had
 * succeeded before a resume kept. The step's output is the items' outputs in order.
 */
export async function runFanOut({ state, step, items, scope, common, blob }: FanOut): Promise<StepResult> {
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
        results[index] = { status: 'succeeded', output: earlier.outputBlobId ? await blob(earlier.outputBlobId) : earlier.output };
      } else {
        const itemScope = { ...scope, item: items[index], index };
        let input: unknown;
        try {
          input = await resolveTemplate(step.input, itemScope, { stepId: step.id, path: `item ${index} input` });
        } catch (error) {
          results[index] = { status: 'failed', error: toStoredError(error, common.failure, index) };
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
  if (state.signal.aborted) return { status: 'cancelled', error: toStoredError(new ExecutionCancelledError(), common.failure) };
  const failures = results.map((r, i) => [i, r] as const).filter(([, r]) => r?.status !== 'succeeded');
  const output = results.map((r) => (r?.status === 'succeeded' ? r.output : null));
  const base = { ...stepRef(state, step.id), startedAt, attempts: 1 };
  if (failures.length > 0) {
    const [firstIndex, first] = failures[0]!;
    const error: StoredError = {
      code: 'fan_out_failed',
      message: `step "${step.id}": ${failures.length} of ${items.length} items failed; item ${firstIndex}: ${first?.error?.message ?? 'did not finish'}`,
      details: { ...failureDetails(common.failure), failed_items: failures.slice(0, 100).map(([i]) => i), first_error: first?.error ?? null },
    };
    await state.store.finishStep(base, { status: 'failed', output, error });
    state.events.step('failed', step.id, { error });
    return { status: 'failed', output, error };
  }
  await state.store.finishStep(base, { status: 'succeeded', output });
  state.events.step('succeeded', step.id, { items: items.length, duration_ms: Date.now() - startedAt.getTime(), ...eventOutput(output) });
  return { status: 'succeeded', output };
}
