import type { TriggerStartContext } from './trigger.js';

/**
 * Runs `check` now and then `intervalMs` after each check ends, until the trigger stops; a failed
 * check is logged and the next one still runs. Returns the trigger's stop function, which waits
 * for a check in progress to end.
 */
export function pollEvery(ctx: Pick<TriggerStartContext, 'signal' | 'log'>, intervalMs: number, check: () => Promise<unknown>, what: string): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = check()
      .then(() => undefined)
      .catch((error: unknown) => void (ctx.signal.aborted || ctx.log.warn({ err: error }, `${what} failed`)))
      .finally(() => {
        if (!ctx.signal.aborted) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    clearTimeout(timer);
    await running;
  };
}
