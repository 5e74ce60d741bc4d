import type { Logger } from 'pino';
import type { SqlClient } from '../storage/sql-client.js';
import { rollUpHours } from './hourly-rollup.js';

/**
 * Keeps `execution_stats_hourly` up to date: rolls up at start (the backfill after an upgrade, a
 * week per transaction) and then every `intervalMs`. Returns the stop, which waits for a run under way.
 */
export function startHourlyRollup(sql: SqlClient, logger: Logger, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running !== undefined || stopped) return;
    running = rollUpHours(sql)
      .then((hours) => {
        if (hours > 24) logger.info({ hours }, 'execution stats rolled up');
      })
      .catch((err: unknown) => logger.warn({ err }, 'execution stats rollup failed; it runs again on the next tick'))
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
