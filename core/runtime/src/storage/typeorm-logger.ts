import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { StorageMonitor } from './storage-full.js';

/**
 * Routes TypeORM's log calls to pino: every SQL statement at trace (so `LOG_LEVEL=trace` shows
 * them), slow queries and driver warnings at warn, migration progress at info. Failed queries are
 * logged at debug only, because the error also reaches the caller, who decides what to report.
 */
export function typeOrmLogger(logger: PinoLogger, storage?: Pick<StorageMonitor, 'translate'>): TypeOrmLogger {
  return {
    logQuery: (query, parameters) => logger.trace({ query, parameters }, 'sql'),
    logQueryError: (error, query, parameters) => {
      // A full disk is remembered here too, so readiness reports it whichever path wrote.
      storage?.translate(error);
      logger.debug({ query, parameters, err: error }, 'sql failed');
    },
    logQuerySlow: (timeMs, query) => logger.warn({ query, timeMs }, 'slow sql'),
    logSchemaBuild: (message) => logger.debug(message),
    logMigration: (message) => logger.info(message),
    log: (level, message) => {
      if (level === 'warn') logger.warn(String(message));
      else logger.debug(String(message));
    },
  };
}
