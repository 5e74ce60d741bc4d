import type pg from 'pg';
import { loadPg } from './load-pg.js';
import { writtenTogether } from './written-together.js';
import type { SqlQueries } from './sql-client.js';

/** Connections a process commits groups on; a group fills while the one before it commits. */
const GROUP_CONNECTIONS = 2;
/** Most units of work one COMMIT groups together. */
const MAX_GROUP = 256;

export interface PostgresGroupCommit {
  /** Runs `work` in a transaction it may share with other units of work; resolves after the COMMIT that made it durable. */
  run<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Unit {
  work: (tx: SqlQueries) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on Postgres, like the SQLite client's. The units of work submitted within one turn
 * of the event loop run together in one transaction on a pipelined connection (their statements
 * are sent without waiting for the answers to the ones before), and one COMMIT makes them all
 * durable: a few round trips and one WAL flush for many executions' writes instead of
 * BEGIN/COMMIT and a flush for each. The units run interleaved, so each must only touch rows no
 * other unit in flight touches (an execution's own rows, written by the one worker running it).
 * If any statement or unit fails, the group is rolled back and each of its units runs again in a
 * transaction of its own (`alone`), so only the failing one fails. A COMMIT whose outcome is
 * unknown (the connection broke) fails every unit of its group without running it again.
 */
export function createPostgresGroupCommit(options: {
  /** The options of the pool the rest of the process uses: same server, same settings. */
  poolOptions: pg.PoolConfig;
  queriesOn: (client: pg.PoolClient, onError: (error: unknown) => void) => SqlQueries;
  translate: (error: unknown) => unknown;
  alone: <T>(work: (tx: SqlQueries) => Promise<T>) => Promise<T>;
}): PostgresGroupCommit {
  // pg-pool keeps the password as a hidden property, which spreading the options would drop.
  const pool = new (loadPg().Pool)({ ...options.poolOptions, password: options.poolOptions.password, max: GROUP_CONNECTIONS, pipeline: true });
  // An idle connection that breaks is dropped by the pool; the next group opens another.
  pool.on('error', () => undefined);
  const waiting: Unit[] = [];
  let groups = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || waiting.length === 0 || groups >= GROUP_CONNECTIONS) return;
    scheduled = true;
    // After this turn, so that the units of every step and request handled in it share a COMMIT.
    setImmediate(() => {
      scheduled = false;
      while (waiting.length > 0 && groups < GROUP_CONNECTIONS) void commitGroup(waiting.splice(0, MAX_GROUP));
    });
  }

  async function commitGroup(group: Unit[]): Promise<void> {
    groups++;
    try {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        const failed = options.translate(error);
        for (const unit of group) unit.reject(failed);
        return;
      }
      // A connection lost while checked out fails its queries; its 'error' event must not go unheard.
      client.on('error', ignoreError);
      let broken: unknown;
      try {
        let failed = false;
        const tx = writtenTogether(client, options.queriesOn(client, () => (failed = true)));
        const begin = tx.run('BEGIN');
        const outcomes = await Promise.allSettled([begin, ...group.map((unit) => unit.work(tx))]);
        if (failed || outcomes.some((outcome) => outcome.status === 'rejected')) {
          await client.query('ROLLBACK').catch((error: unknown) => (broken = error));
          for (const unit of group) options.alone(unit.work).then(unit.resolve, unit.reject);
          return;
        }
        let committed: pg.QueryResult;
        try {
          committed = await client.query('COMMIT');
        } catch (error) {
          broken = error;
          const failure = options.translate(error);
          for (const unit of group) unit.reject(failure);
          return;
        }
        // Postgres answers COMMIT with ROLLBACK when a statement failed unseen (a unit caught its error).
        if (committed.command !== 'COMMIT') {
          for (const unit of group) options.alone(unit.work).then(unit.resolve, unit.reject);
          return;
        }
        outcomes.slice(1).forEach((outcome, i) => group[i]!.resolve((outcome as PromiseFulfilledResult<unknown>).value));
      } finally {
        client.removeListener('error', ignoreError);
        client.release(broken instanceof Error ? broken : undefined);
      }
    } finally {
      groups--;
      schedule();
    }
  }

  return {
    run<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    close: () => pool.end(),
  };
}


function ignoreError(): void {}
