import { RECORD_START_AFTER_MS } from './run-step-attempts.js';
import { ExecutionCancelledError } from './step-errors.js';

export interface RunWatch {
  /** Whether the run was stopped because a cancel was requested. */
  readonly cancelled: boolean;
  stop(): void;
  /** Stops, and waits for a `markRunning` already under way (so a later status write is not overwritten by it). */
  settle(): Promise<void>;
}

/**
 * What a running execution keeps an eye on: after `RECORD_START_AFTER_MS` it records itself as
 * running (as a step records its start, so a fast run costs no write for it), and every
 * `cancelPollMs` it checks whether a cancel was requested (by any process), aborting the run if so.
 */
export function watchRun(options: {
  markRunning(): Promise<void>;
  isCancelRequested(): Promise<boolean>;
  cancelPollMs: number;
  signal: AbortSignal;
  abort(reason: unknown): void;
}): RunWatch {
  let cancelled = false;
  let marking: Promise<void> | undefined;
  const markRunning = setTimeout(() => void (marking = options.markRunning().catch(() => undefined)), RECORD_START_AFTER_MS);
  const poll = setInterval(() => {
    options.isCancelRequested().then((requested) => {
      if (requested && !options.signal.aborted) {
        cancelled = true;
        options.abort(new ExecutionCancelledError());
      }
    }, () => undefined);
  }, options.cancelPollMs);
  return {
    get cancelled() {
      return cancelled;
    },
    stop() {
      clearTimeout(markRunning);
      clearInterval(poll);
    },
    async settle() {
      this.stop();
      await marking;
    },
  };
}
