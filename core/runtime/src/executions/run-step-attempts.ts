import { setTimeout as sleep } from 'node:timers/promises';
import { describeZodError, InputError, TimeoutError, toFieldErrors, type ActionDefinition, type DocumentDraft, type StepContext } from '@dwc/sdk';
import type { Logger } from 'pino';
import { retryDelayMs, shouldRetry, type RetryPolicy } from '../engine/index.js';
import type { StepAiFactory } from '../ai/step-ai.js';
import type { StepWriter } from './step-result-hold.js';
import type { StepStatus, StoredError } from './execution-types.js';
import { ExecutionCancelledError, toStoredError, type StepFailureContext } from './step-errors.js';
import { stepContext } from './step-context.js';
import { eventOutput, type ExecutionEvents } from './step-events.js';

/** How long an attempt runs before its start is committed (so a slow step shows as running). */
export const RECORD_START_AFTER_MS = 250;

export interface StepAttemptsInput {
  executionId: string;
  workflowId: string;
  stepId: string;
  /** -1 for the step itself, else the fan-out item. */
  itemIndex: number;
  action: ActionDefinition;
  /** Who failed, for a failure's stored error. */
  failure: StepFailureContext;
  /** The input after templates were resolved. */
  input: unknown;
  retry: RetryPolicy;
  timeoutMs: number | undefined;
  /** Attempts already made before a crash, so counting continues. */
  priorAttempts: number;
  signal: AbortSignal;
  store: StepWriter;
  events: ExecutionEvents;
  logger: Logger;
  /** Builds the attempt's `ctx.ai`. */
  stepAi?: StepAiFactory | undefined;
  /** The workflow's AI provider chain. */
  aiChain?: readonly string[] | undefined;
}

export interface StepResult {
  status: Extract<StepStatus, 'succeeded' | 'failed' | 'cancelled'>;
  output?: unknown;
  error?: StoredError;
}

/**
 * Runs one step (or one fan-out item) to a committed result: validates its input, then attempts
 * it with timeout and retries. Each attempt's start is committed before the action runs, and the
 * result (with documents) is committed before this returns.
 */
export async function runStepAttempts(step: StepAttemptsInput): Promise<StepResult> {
  const eventExtra = step.itemIndex < 0 ? {} : { item_index: step.itemIndex };
  let outputJsonLength: number | undefined;
  const commit = async (result: StepResult, attempts: number, startedAt: Date | null, documents?: DocumentDraft[]) => {
    const finished = await step.store.finishStep(
      { executionId: step.executionId, workflowId: step.workflowId, stepId: step.stepId, itemIndex: step.itemIndex, input: step.input, attempts, startedAt },
      { status: result.status, output: result.output, error: result.error, documents },
    );
    outputJsonLength = finished.outputJsonLength;
    for (const documentId of finished.documentIds) step.events.documentCreated(documentId, step.stepId);
    return result;
  };

  const parsed = step.action.input.safeParse(step.input);
  if (!parsed.success) {
    const context = { schema: step.action.input, input: step.input };
    const error = toStoredError(new InputError(`input is invalid: ${describeZodError(parsed.error, context)}`, { code: 'invalid_step_input', details: toFieldErrors(parsed.error, context) }), step.failure, step.itemIndex);
    const result = await commit({ status: 'failed', error }, step.priorAttempts, null);
    if (step.itemIndex < 0) step.events.step('failed', step.stepId, { action: step.action.type, error, attempt: step.priorAttempts });
    return result;
  }

  for (let attempt = step.priorAttempts + 1; ; attempt++) {
    if (step.signal.aborted) return commit({ status: 'cancelled', error: toStoredError(new ExecutionCancelledError(), step.failure, step.itemIndex) }, attempt - 1, null);
    const startedAt = new Date();
    // Record the start only once the attempt has run a while: a fast step then costs one commit
    // (its result), and a crash in that window just means the attempt is not counted.
    let startRecorded: Promise<void> | undefined;
    const recordStart = setTimeout(() => {
      startRecorded = step.store.startStep(step.executionId, step.stepId, step.itemIndex, step.input, attempt, startedAt);
    }, RECORD_START_AFTER_MS);
    if (step.itemIndex < 0) step.events.step('started', step.stepId, { attempt, ...eventExtra });
    const documents: DocumentDraft[] = [];
    const timeout = step.timeoutMs === undefined ? undefined : AbortSignal.timeout(step.timeoutMs);
    const signal = timeout ? AbortSignal.any([step.signal, timeout]) : step.signal;
    const { ctx, logger } = stepContext({
      executionId: step.executionId, workflowId: step.workflowId, stepId: step.stepId, itemIndex: step.itemIndex, attempt, signal, logger: step.logger,
      documents, stepAi: step.stepAi, aiChain: step.aiChain,
    });
    try {
      let raw: unknown;
      try {
        raw = await runWithTimeout(step, parsed.data, ctx, timeout);
      } finally {
        clearTimeout(recordStart);
        if (startRecorded) await startRecorded;
      }
      const output = step.action.output.safeParse(raw);
      if (!output.success) {
        throw new InputError(`action "${step.action.type}" returned output that does not match its schema: ${describeZodError(output.error)}`, { code: 'invalid_step_output' });
      }
      const result = await commit({ status: 'succeeded', output: output.data }, attempt, startedAt, documents);
      if (step.itemIndex < 0) step.events.step('succeeded', step.stepId, { action: step.action.type, attempt, duration_ms: Date.now() - startedAt.getTime(), documents: documents.length, ...eventOutput(output.data, outputJsonLength) });
      return result;
    } catch (error) {
      if (step.signal.aborted) {
        const cancelled = toStoredError(new ExecutionCancelledError(), step.failure, step.itemIndex);
        const result = await commit({ status: 'cancelled', error: cancelled }, attempt, startedAt);
        if (step.itemIndex < 0) step.events.step('cancelled', step.stepId, { action: step.action.type, attempt });
        return result;
      }
      const failed = toStoredError(error, step.failure, step.itemIndex);
      if (shouldRetry(step.retry, attempt, error)) {
        const delay = retryDelayMs(step.retry, attempt);
        logger().warn({ err: error, delay_ms: delay }, 'step attempt failed; retrying');
        step.events.step('retrying', step.stepId, { attempt, delay_ms: delay, error: failed, ...eventExtra });
        try {
          await sleep(delay, undefined, { signal: step.signal });
        } catch {
          continue;
        }
        continue;
      }
      logger().warn({ err: error, code: failed.code }, 'step failed');
      const result = await commit({ status: 'failed', error: failed }, attempt, startedAt);
      if (step.itemIndex < 0) step.events.step('failed', step.stepId, { action: step.action.type, attempt, error: failed });
      return result;
    }
  }
}

function runWithTimeout(step: StepAttemptsInput, input: unknown, ctx: StepContext, timeout: AbortSignal | undefined): Promise<unknown> {
  const signal = ctx.signal;
  const running = step.action.run(input, ctx);
  // An action that ignores its signal must still not hold the run past its timeout or a cancel.
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(timeout?.aborted && !step.signal.aborted
      ? new TimeoutError(`did not finish within ${step.timeoutMs} ms (timeout_ms)`, { code: 'step_timeout' })
      : new ExecutionCancelledError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
