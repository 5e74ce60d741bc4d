import type { Logger } from 'pino';

export interface SchedulerLoop {
  /** Looks at the table now (a schedule was created or resumed here). */
  wake(): void;
  /** Stops after the look in progress. */
  stop(): Promise<void>;
}

/**
 * Fires due schedules, then sleeps until the earliest due time or `pollMs`, whichever is sooner:
 * a schedule fires within a few milliseconds of its time, and changes other processes make are seen
 * within `pollMs`.
 */
export function startSchedulerLoop(options: { tick: () => Promise<number>; nextDueAt: () => Promise<number | null>; pollMs: number; now: () => number; logger: Logger }): SchedulerLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const arm = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, ms));
  };
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let sleep = options.pollMs;
      try {
        await options.tick();
        const due = await options.nextDueAt();
        // +1: a timer may fire a hair before the clock reaches the due millisecond.
        if (due !== null) sleep = Math.min(sleep, due - options.now() + 1);
      } catch (error) {
        options.logger.error({ err: error }, 'the scheduler could not fire due schedules; trying again');
      } finally {
        running = undefined;
      }
      arm(again ? 0 : sleep);
      again = false;
    })();
  };
  arm(0);
  return {
    wake: () => arm(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
