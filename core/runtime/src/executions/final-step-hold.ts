import type { StepOutcome, StepRecord } from './execution-types.js';
import type { ExecutionEvents } from './step-events.js';
import { finishedStep, type FinishedStep, type PreparedStep, type StepRef, type StepStore } from './step-store.js';

/** The store calls a run's steps make. */
export type StepWriter = Pick<StepStore, 'finishStep' | 'startStep'>;

/**
 * Holds back the result of a run's final step (one no other step can follow) so that it is
 * committed in the execution's finish transaction. The events that step emits once its result is
 * held wait with it, so listeners still only hear of committed results. Whoever ends the run
 * passes `take()` to `ExecutionStore.finish` and then calls `release()`, or calls `flush()`.
 * It also notes each top-level step result (`written`), so a run that ends here can answer with
 * its steps without reading them back.
 */
export function createFinalStepHold(store: Pick<StepStore, 'finishStep' | 'startStep' | 'prepareStep' | 'writeSteps'>, events: ExecutionEvents) {
  let finalStepId: string | undefined;
  let held: PreparedStep | undefined;
  let waiting: (() => void)[] = [];
  const written = new Map<string, StepRecord>();

  const writer: StepWriter = {
    startStep: store.startStep,
    async finishStep(step: StepRef, outcome: StepOutcome): Promise<FinishedStep> {
      let result: FinishedStep;
      if (step.stepId !== finalStepId || step.itemIndex !== -1 || held) result = await store.finishStep(step, outcome);
      else result = finishedStep((held = store.prepareStep(step, outcome)));
      if (step.itemIndex === -1) written.set(step.stepId, result.written);
      return result;
    },
  };

  const heldEvents: ExecutionEvents = {
    execution: events.execution,
    step(type, stepId, extra) {
      if (held && stepId === finalStepId) waiting.push(() => events.step(type, stepId, extra));
      else events.step(type, stepId, extra);
    },
    documentCreated(documentId, stepId) {
      if (held && stepId === finalStepId) waiting.push(() => events.documentCreated(documentId, stepId));
      else events.documentCreated(documentId, stepId);
    },
  };

  function release(): void {
    const pending = waiting;
    held = undefined;
    waiting = [];
    for (const emit of pending) emit();
  }

  return {
    store: writer,
    events: heldEvents,
    /** The top-level step results written (or held) in this run, by step id. */
    written: written as ReadonlyMap<string, StepRecord>,
    /** Lets `stepId`'s result be held; call it only when no other step can run after it. */
    holdFinal(stepId: string): void {
      finalStepId = stepId;
    },
    /** The held result, for the finish transaction. */
    take(): PreparedStep[] {
      return held ? [held] : [];
    },
    release,
    /** Commits the held result on its own (a run that stops without finishing). */
    async flush(): Promise<void> {
      if (!held) return;
      await store.writeSteps([held]);
      release();
    },
  };
}

export type FinalStepHold = ReturnType<typeof createFinalStepHold>;
