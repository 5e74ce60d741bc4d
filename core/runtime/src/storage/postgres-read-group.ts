import type pg from 'pg';
import { loadPg } from './load-pg.js';
import type { SqlQueries } from './sql-client.js';
import { writtenTogether } from './written-together.js';

/** Connections the grouped reads of a process share. */
const READ_CONNECTIONS = 2;
/** Most reads one group sends together. */
const MAX_GROUP = 256;

export interface PostgresReadGroup {
  /** Runs `reads` (each statement on its own, no transaction) with the reads of other callers in this turn. */
  run<T>(reads: (q: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Unit {
  reads: (q: SqlQueries) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
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
  // pg-pool keeps the password as a hidden property, which spreading the options would drop.
  const pool = new (loadPg().Pool)({ ...options.poolOptions, password: options.poolOptions.password, max: READ_CONNECTIONS, pipeline: true });
  pool.on('error', () => undefined);
  const waiting: Unit[] = [];
  let groups = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || waiting.length === 0 || groups >= READ_CONNECTIONS) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      while (waiting.length > 0 && groups < READ_CONNECTIONS) void readGroup(waiting.splice(0, MAX_GROUP));
    });
  }

  async function readGroup(group: Unit[]): Promise<void> {
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
      let broken: Error | undefined;
      try {
        const q = writtenTogether(client, options.queriesOn(client));
        await Promise.all(group.map((unit) => unit.reads(q).then(unit.resolve, (error: unknown) => {
          if (error instanceof Error && !('code' in error)) broken = error;
          unit.reject(error);
        })));
      } finally {
        client.removeListener('error', ignoreError);
        client.release(broken);
      }
    } finally {
      groups--;
      schedule();
    }
  }

  return {
    run<T>(reads: (q: SqlQueries) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ reads, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    close: () => pool.end(),
  };
}

function ignoreError(): void {}
