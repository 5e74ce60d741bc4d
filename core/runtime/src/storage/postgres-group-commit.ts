import type pg from 'pg';
import { createPipelinedGroups, type GroupUnit } from './pipelined-groups.js';
import { writtenTogether } from './written-together.js';
import type { SqlQueries } from './sql-client.js';

/** Connections a process commits groups on; a group fills while the one before it commits. */
const GROUP_CONNECTIONS = 2;

export interface PostgresGroupCommit {
  /** Runs `work` in a transaction it may share with other units of work; resolves after the COMMIT that made it durable. */
  run<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Unit extends GroupUnit {
  work: (tx: SqlQueries) => Promise<unknown>;
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
  const groups = createPipelinedGroups<Unit>({
    poolOptions: options.poolOptions,
    connections: GROUP_CONNECTIONS,
    translate: options.translate,
    async handle(client, group) {
      let failed = false;
      const tx = writtenTogether(client, options.queriesOn(client, () => (failed = true)));
      const begin = tx.run('BEGIN');
      const outcomes = await Promise.allSettled([begin, ...group.map((unit) => unit.work(tx))]);
      if (failed || outcomes.some((outcome) => outcome.status === 'rejected')) {
        const broken = await client.query('ROLLBACK').then(() => undefined, (error: unknown) => asError(error));
        for (const unit of group) options.alone(unit.work).then(unit.resolve, unit.reject);
        return broken;
      }
      let committed: pg.QueryResult;
      try {
        committed = await client.query('COMMIT');
      } catch (error) {
        const failure = options.translate(error);
        for (const unit of group) unit.reject(failure);
        return asError(error);
      }
      // Postgres answers COMMIT with ROLLBACK when a statement failed unseen (a unit caught its error).
      if (committed.command !== 'COMMIT') {
        for (const unit of group) options.alone(unit.work).then(unit.resolve, unit.reject);
        return undefined;
      }
      outcomes.slice(1).forEach((outcome, i) => group[i]!.resolve((outcome as PromiseFulfilledResult<unknown>).value));
      return undefined;
    },
  });
  return {
    run<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => groups.submit({ work, resolve: resolve as (value: unknown) => void, reject }));
    },
    close: () => groups.close(),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
