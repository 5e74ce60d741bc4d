import type { ExecutionStore, FinishedStep, PreparedStep, StepRef } from './execution-store.js';
import { finishedStep } from './execution-store.js';
import type { StepOutcome } from './execution-types.js';
import type { ExecutionEvents } from './step-events.js';

/** The store calls a run's steps make. */
export type StepWriter = Pick<ExecutionStore, 'finishStep' | 'startStep'>;

/**
 * Holds back the result of a run's final step (one no other step can follow) so that it is
 * committed in the execution's finish transaction. The events that step emits once its result is
 * held wait with it, so listeners still only hear of committed results. Whoever ends the run
 * passes `take()` to `ExecutionStore.finish` and then calls `release()`, or calls `flush()`.
 */
export function createFinalStepHold(store: ExecutionStore, events: ExecutionEvents) {
  let finalStepId: string | undefined;
  let held: PreparedStep | undefined;
  let waiting: Parameters<ExecutionEvents['step']>[] = [];

  const writer: StepWriter = {
    startStep: store.startStep,
    async finishStep(step: StepRef, outcome: StepOutcome): Promise<FinishedStep> {
      if (step.stepId !== finalStepId || step.itemIndex !== -1 || held) return store.finishStep(step, outcome);
      held = store.prepareStep(step, outcome);
      return finishedStep(held);
    },
  };

  const heldEvents: ExecutionEvents = {
    execution: events.execution,
    step(type, stepId, extra) {
      if (held && stepId === finalStepId) waiting.push([type, stepId, extra]);
      else events.step(type, stepId, extra);
    },
  };

  function release(): void {
    const pending = waiting;
    held = undefined;
    waiting = [];
    for (const args of pending) events.step(...args);
  }

  return {
    store: writer,
    events: heldEvents,
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
