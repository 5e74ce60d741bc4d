import pg from 'pg';
import { afterAll, afterEach } from 'vitest';

/**
 * Fails the test during which a pg client was given a query while it was still executing one.
 * pg 8 only warns ("Calling client.query() when the client is already executing a query", once per
 * process, and only once a query is already waiting behind the running one); pg 9 refuses the
 * call. So every call is checked here, on the same condition pg 9 refuses: a query running or
 * waiting on that client. A pipelined client (`pipeline: true`) is made to take queries while busy.
 */
const busyCalls: string[] = [];

type ClientInternals = pg.Client & { _queryQueue?: unknown[]; _getActiveQuery?: () => unknown };

const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
pg.Client.prototype.query = function guardedQuery(this: ClientInternals, ...args: unknown[]) {
  if (!this.pipeline && ((this._queryQueue?.length ?? 0) > 0 || this._getActiveQuery?.())) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    busyCalls.push(`${text ?? '(query object)'}\n${new Error('query issued here').stack}`);
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && warning.message.includes('already executing a query')) busyCalls.push(warning.stack ?? warning.message);
});

/** The busy calls recorded so far, forgotten here (for the guard's own test). */
export function takeBusyCalls(): string[] {
  return busyCalls.splice(0);
}

function failOnBusyCalls(): void {
  const calls = takeBusyCalls();
  if (calls.length === 0) return;
  throw new Error(`a pg client was given ${calls.length} quer${calls.length === 1 ? 'y' : 'ies'} while busy; the first:\n${calls[0]}`);
}

afterEach(failOnBusyCalls);
afterAll(failOnBusyCalls);
