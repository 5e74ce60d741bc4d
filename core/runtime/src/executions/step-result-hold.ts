import type { StepOutcome, StepRecord } from './execution-types.js';
import type { ExecutionEvents } from './step-events.js';
import { finishedStep, type FinishedStep, type PreparedStep, type StepRef, type StepStore } from './step-store.js';

/** The store calls a run's steps make. */
export type StepWriter = Pick<StepStore, 'finishStep' | 'startStep'>;

/**
 * Holds back step results so that they share a transaction with a later write of the run:
 * - the final step's (one no other step can follow, `holdFinal`) goes into the execution's finish;
 * - a pure step's (`holdPure`: its action only computes, see `ActionSpec.pure`) rides with the
 *   run's next write: another step's result or start, the finish, or a `flush`. A crash before
 *   then just runs the pure step again.
 * While a result is held, step events wait (in order) until it is committed, so listeners
 * only hear of committed results, in the order the steps ran. Whoever ends the run passes `take()` to `ExecutionStore.finish` and then
 * calls `release()`, or calls `flush()`. It also notes each top-level step result (`written`), so
 * a run that ends here can answer with its steps without reading them back.
 */
export function createStepResultHold(store: Pick<StepStore, 'finishStep' | 'startStep' | 'prepareStep' | 'writeSteps'>, events: ExecutionEvents) {
  let finalStepId: string | undefined;
  const pureSteps = new Set<string>();
  /** Results held and not yet taken by a write. */
  let pending: PreparedStep[] = [];
  /** Steps whose held result is not committed yet. */
  const uncommitted = new Set<string>();
  /** Step events emitted while a held result was uncommitted, let out in order once none is. */
  let queued: (() => void)[] = [];
  const written = new Map<string, StepRecord>();

  const holds = (step: StepRef) => step.itemIndex === -1 && !uncommitted.has(step.stepId) && (step.stepId === finalStepId || pureSteps.has(step.stepId));

  /** Notes that the results of `stepIds` were committed, letting the queued events out once no held result is left. */
  function committed(stepIds: Iterable<string>): void {
    for (const stepId of stepIds) uncommitted.delete(stepId);
    if (uncommitted.size > 0) return;
    const emits = queued;
    queued = [];
    for (const emit of emits) emit();
  }

  /** Writes `also` (may be empty) with the pending results in one transaction. */
  async function writeWithPending(also: PreparedStep[]): Promise<void> {
    const carried = pending;
    pending = [];
    try {
      await store.writeSteps(carried.length === 0 ? also : [...carried, ...also]);
    } catch (error) {
      pending = [...carried, ...pending];
      throw error;
    }
    committed(carried.map((step) => step.row.stepId));
  }

  const writer: StepWriter = {
    async startStep(...args: Parameters<StepStore['startStep']>) {
      if (pending.length > 0) await writeWithPending([]);
      await store.startStep(...args);
    },
    async finishStep(step: StepRef, outcome: StepOutcome): Promise<FinishedStep> {
      let result: FinishedStep;
      if (holds(step)) {
        const prepared = store.prepareStep(step, outcome);
        uncommitted.add(step.stepId);
        pending.push(prepared);
        result = finishedStep(prepared);
      } else if (pending.length > 0) {
        const prepared = store.prepareStep(step, outcome);
        await writeWithPending([prepared]);
        result = finishedStep(prepared);
      } else {
        result = await store.finishStep(step, outcome);
      }
      if (step.itemIndex === -1) written.set(step.stepId, result.written);
      return result;
    },
  };

  // Every step event waits while a result is held, so listeners hear of a run's steps in order.
  const heldEvents: ExecutionEvents = {
    execution: events.execution,
    step(type, stepId, extra) {
      if (uncommitted.size > 0) queued.push(() => events.step(type, stepId, extra));
      else events.step(type, stepId, extra);
    },
    documentCreated(documentId, stepId) {
      if (uncommitted.size > 0) queued.push(() => events.documentCreated(documentId, stepId));
      else events.documentCreated(documentId, stepId);
    },
  };

  return {
    store: writer,
    events: heldEvents,
    /** The top-level step results written (or held) in this run, by step id. */
    written: written as ReadonlyMap<string, StepRecord>,
    /** Lets `stepId`'s result be held for the finish; call it only when no other step can run after it. */
    holdFinal(stepId: string): void {
      finalStepId = stepId;
    },
    /** Lets `stepId`'s result ride with the run's next write; call it only for a step whose action is pure. */
    holdPure(stepId: string): void {
      pureSteps.add(stepId);
    },
    /** The held results, for the finish transaction (then call `release`). */
    take(): PreparedStep[] {
      const taken = pending;
      pending = [];
      return taken;
    },
    /** Lets out the events of every held result: call it once the finish committed them. */
    release(): void {
      committed([...uncommitted]);
    },
    /** Commits the held results on their own (a run that stops without finishing). */
    async flush(): Promise<void> {
      if (pending.length > 0) await writeWithPending([]);
    },
  };
}

export type StepResultHold = ReturnType<typeof createStepResultHold>;
