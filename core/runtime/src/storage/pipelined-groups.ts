import type pg from 'pg';
import { loadPg } from './load-pg.js';

/** Most units one group takes. */
const MAX_GROUP = 256;

export interface GroupUnit {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface PipelinedGroups<U extends GroupUnit> {
  submit(unit: U): void;
  close(): Promise<void>;
}

/**
 * Gathers the units submitted within one turn of the event loop into groups, each handed to
 * `handle` on a connection of a small pipelined pool (its statements are sent without waiting for
 * the answers to the ones before). At most `connections` groups are in flight; the next group fills
 * while they run. `handle` settles every unit of its group and returns the error that broke the
 * connection, if one did, so the pool drops it.
 */
export function createPipelinedGroups<U extends GroupUnit>(options: {
  poolOptions: pg.PoolConfig;
  connections: number;
  translate: (error: unknown) => unknown;
  handle: (client: pg.PoolClient, group: U[]) => Promise<Error | undefined>;
}): PipelinedGroups<U> {
  // pg-pool keeps the password as a hidden property, which spreading the options would drop.
  const pool = new (loadPg().Pool)({ ...options.poolOptions, password: options.poolOptions.password, max: options.connections, pipeline: true });
  // An idle connection that breaks is dropped by the pool; the next group opens another.
  pool.on('error', () => undefined);
  const waiting: U[] = [];
  let inFlight = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || waiting.length === 0 || inFlight >= options.connections) return;
    scheduled = true;
    // After this turn, so that the units of every step and request handled in it share a group.
    setImmediate(() => {
      scheduled = false;
      while (waiting.length > 0 && inFlight < options.connections) void runGroup(waiting.splice(0, MAX_GROUP));
    });
  }

  async function runGroup(group: U[]): Promise<void> {
    inFlight++;
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
        broken = await options.handle(client, group);
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        for (const unit of group) unit.reject(error);
      } finally {
        client.removeListener('error', ignoreError);
        client.release(broken);
      }
    } finally {
      inFlight--;
      schedule();
    }
  }

  return {
    submit(unit: U): void {
      waiting.push(unit);
      schedule();
    },
    close: () => pool.end(),
  };
}

function ignoreError(): void {}
