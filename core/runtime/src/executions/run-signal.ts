/** The signal a run passes to its steps, and how the run aborts it (on a cancel). */
export interface RunSignal {
  signal: AbortSignal;
  abort(reason: unknown): void;
  /** Stops following the outer signal once the run has ended. */
  detach(): void;
}

/**
 * A top-level run uses its job's signal, which the worker pool lets it abort (`abortOuter`): no
 * second controller per run. A child run, given only its parent's signal, follows it with one of
 * its own, so that cancelling the child leaves the parent running.
 */
export function runSignal(outer: AbortSignal, abortOuter?: (reason: unknown) => void): RunSignal {
  if (abortOuter) return { signal: outer, abort: abortOuter, detach: () => undefined };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onOuterAbort, { once: true });
  return { signal: controller.signal, abort: (reason) => controller.abort(reason), detach: () => outer.removeEventListener('abort', onOuterAbort) };
}
