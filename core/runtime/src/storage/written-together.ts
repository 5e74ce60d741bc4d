import type pg from 'pg';
import type { SqlQueries } from './sql-client.js';

/**
 * The statements the units issue in one turn of the event loop go out in one socket write: pg
 * writes each query on its own (a system call each, the largest cost of a small statement), so
 * the socket is corked at a turn's first statement and uncorked once the turn's microtasks ran.
 */
export function writtenTogether(client: pg.PoolClient, queries: SqlQueries): SqlQueries {
  const socket = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return queries;
  let corked = false;
  const cork = (): void => {
    if (corked) return;
    corked = true;
    socket.cork!();
    process.nextTick(() => {
      corked = false;
      socket.uncork!();
    });
  };
  return {
    run: (sql, params) => (cork(), queries.run(sql, params)),
    all: (sql, params) => (cork(), queries.all(sql, params)),
    get: (sql, params) => (cork(), queries.get(sql, params)),
  };
}
