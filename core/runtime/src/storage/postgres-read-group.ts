import type pg from 'pg';
import { createPipelinedGroups, type GroupUnit } from './pipelined-groups.js';
import type { SqlQueries } from './sql-client.js';
import { writtenTogether } from './written-together.js';

/** Connections the grouped reads of a process share. */
const READ_CONNECTIONS = 2;

export interface PostgresReadGroup {
  /** Runs `reads` (each statement on its own, no transaction) with the reads of other callers in this turn. */
  run<T>(reads: (q: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Unit extends GroupUnit {
  reads: (q: SqlQueries) => Promise<unknown>;
}

/**
 * The hot path's small reads (an execution and its steps by id, a workflow's latest version):
 * those issued within one turn of the event loop go over one pipelined connection in one socket
 * write, instead of a pool connection and a write each. Only for quick statements: a slow one
 * would hold up those sent after it on the same connection.
 */
export function createPostgresReadGroup(options: {
  poolOptions: pg.PoolConfig;
  queriesOn: (client: pg.PoolClient) => SqlQueries;
  translate: (error: unknown) => unknown;
}): PostgresReadGroup {
  const groups = createPipelinedGroups<Unit>({
    poolOptions: options.poolOptions,
    connections: READ_CONNECTIONS,
    translate: options.translate,
    async handle(client, group) {
      let broken: Error | undefined;
      const q = writtenTogether(client, options.queriesOn(client));
      await Promise.all(group.map((unit) => unit.reads(q).then(unit.resolve, (error: unknown) => {
        if (error instanceof Error && !('code' in error)) broken = error;
        unit.reject(error);
      })));
      return broken;
    },
  });
  return {
    run<T>(reads: (q: SqlQueries) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => groups.submit({ reads, resolve: resolve as (value: unknown) => void, reject }));
    },
    close: () => groups.close(),
  };
}
