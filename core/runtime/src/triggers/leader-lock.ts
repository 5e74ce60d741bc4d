import type pg from 'pg';
import { loadPg } from '../storage/load-pg.js';
import type { Logger } from 'pino';

/** Whether this process runs the triggers that listen on one process only (`runsOn: 'one'`). */
export interface LeaderLock {
  isLeader(): boolean;
  /** Called when this process becomes or stops being the leader. */
  onChange(listener: (leader: boolean) => void): void;
  close(): Promise<void>;
}

/** SQLite has one process: it always leads. */
export const soleProcess: LeaderLock = { isLeader: () => true, onChange: () => undefined, close: async () => undefined };

/** Arbitrary, fixed: the advisory lock key of the trigger leader. */
const LOCK_KEY = 0x64776374; // "dwct"

/**
 * On Postgres the process holding a session advisory lock leads; the others try again every
 * `retryMs`. When the leader's connection dies, Postgres releases the lock and another takes it.
 */
export async function postgresLeaderLock(options: { databaseUrl: string; logger: Logger; retryMs?: number }): Promise<LeaderLock> {
  const listeners: ((leader: boolean) => void)[] = [];
  let leader = false;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const set = (value: boolean): void => {
    if (value === leader) return;
    leader = value;
    options.logger.info({ leader }, leader ? 'this process now runs the single-process triggers' : 'this process no longer runs the single-process triggers');
    for (const listener of listeners) listener(leader);
  };
  const attempt = async (): Promise<void> => {
    if (closed) return;
    try {
      if (client === undefined) {
        const next = new (loadPg().Client)({ connectionString: options.databaseUrl });
        next.on('error', (error) => {
          options.logger.warn({ err: error }, 'trigger leader connection lost');
          client = undefined;
          set(false);
          if (!closed) timer = setTimeout(() => void attempt(), options.retryMs ?? 5_000);
        });
        await next.connect();
        client = next;
      }
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY]);
      set(result.rows[0]?.locked === true);
    } catch (error) {
      options.logger.warn({ err: error }, 'could not try the trigger leader lock');
      await client?.end().catch(() => undefined);
      client = undefined;
      set(false);
    }
    if (!closed && !leader) timer = setTimeout(() => void attempt(), options.retryMs ?? 5_000);
  };
  await attempt();
  return {
    isLeader: () => leader,
    onChange: (listener) => void listeners.push(listener),
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
