import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Database } from './database.js';
import { createPostgresGroupCommit, type PostgresGroupCommit } from './postgres-group-commit.js';
import { createPostgresReadGroup, type PostgresReadGroup } from './postgres-read-group.js';
import { sqliteTimestamp } from './sqlite-timestamp.js';

/** JSON already serialised by the caller (to measure it, say), bound as is instead of stringified again. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A value a statement may bind: objects and arrays are stored as JSON, Dates as UTC timestamps. */
export type SqlParam = string | number | boolean | null | Date | object | undefined;

export interface SqlQueries {
  /** Runs a statement; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  all<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  get<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined>;
}

/**
 * Plain SQL over the connection TypeORM opened, for the hot paths (queue, executions) where the
 * ORM's per-query cost shows. SQL is written once with `?` placeholders; the Postgres client
 * numbers them. Values read back go through the `from*` helpers, which undo each dialect's encoding.
 */
export interface SqlClient extends SqlQueries {
  readonly dialect: Database['dialect'];
  /** Runs `work` in one transaction; on SQLite other statements wait until it ends. */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, for the short writes of the hot path, which may share their COMMIT with
   * others (group commit; on SQLite every transaction does). On Postgres the units of one group
   * run interleaved in one transaction: `work` must only touch rows that no other work running at
   * the same time touches (an execution's own rows), and may run twice (again alone when another
   * unit of its group failed), so it must have no effect outside the database.
   */
  batch<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Runs quick reads (lookups by key) of the hot path: on Postgres, the reads of every caller in
   * one turn of the event loop go over one pipelined connection in one socket write. Each
   * statement runs on its own, outside any transaction.
   */
  readTogether<T>(reads: (q: SqlQueries) => Promise<T>): Promise<T>;
  fromJson<T = unknown>(value: unknown): T;
  fromDate(value: unknown): Date | null;
  fromBool(value: unknown): boolean;
  fromInt(value: unknown): number;
}

const clients = new WeakMap<Database, SqlClient & { close?: () => Promise<void> }>();

/**
 * The SQL client of an open database: one per database, since on SQLite it owns the connection's
 * transactions. A failure for lack of space comes out as `storage_full` naming the data folder.
 */
export function sqlClientOf(database: Database): SqlClient {
  let client = clients.get(database);
  if (client === undefined) {
    const driver = database.dataSource.driver as unknown as { databaseConnection?: BetterSqlite3.Database; master?: Pool };
    const translate = (error: unknown): unknown => database.storage.translate(error);
    client = database.dialect === 'sqlite' ? sqliteClient(driver.databaseConnection!, translate) : postgresClient(driver.master!, translate);
    clients.set(database, client);
  }
  return client;
}

/** Closes what the database's SQL client opened beside TypeORM's connection (Postgres' group commit connections). */
export async function closeSqlClient(database: Database): Promise<void> {
  await clients.get(database)?.close?.();
  clients.delete(database);
}

function sqliteValue(value: SqlParam): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return sqliteTimestamp(value);
  if (value instanceof JsonText) return value.text;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Most transactions one SQLite COMMIT groups together. */
const MAX_GROUP = 64;

function sqliteClient(db: BetterSqlite3.Database, translate: (error: unknown) => unknown): SqlClient {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const direct: SqlQueries = {
    async run(sql, params = []) {
      return prepare(sql).run(params.map(sqliteValue)).changes;
    },
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      return prepare(sql).all(params.map(sqliteValue)) as Row[];
    },
    async get<Row>(sql: string, params: readonly SqlParam[] = []) {
      return prepare(sql).get(params.map(sqliteValue)) as Row | undefined;
    },
  };
  // Group commit. One connection, one writer: transactions queue up and run one after another,
  // each inside a savepoint, and the queue is committed together once it runs dry (or after
  // MAX_GROUP). Each caller hears back only after the COMMIT that made its work durable; a
  // transaction that throws is rolled back to its savepoint without touching the others. With no
  // group open, a single statement runs at once (better-sqlite3 is synchronous).
  interface Queued {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  const queue: Queued[] = [];
  let draining = false;
  const enqueue = <T>(work: () => T | Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) {
        draining = true;
        // Start the group after this turn of the event loop, so that the transactions of every
        // request and step handled in this turn share one COMMIT.
        setImmediate(() => void drain());
      }
    });
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT dwc_tx');
  const release = db.prepare('RELEASE dwc_tx');
  const rollbackToSavepoint = db.prepare('ROLLBACK TO dwc_tx');
  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const done: { task: Queued; ok: boolean; value: unknown }[] = [];
        try {
          begin.run();
        } catch (error) {
          // Another connection holds the write lock past busy_timeout (SQLITE_BUSY): this group
          // fails with that error instead of hanging, and later work tries again.
          const failed = translate(error);
          for (const task of queue.splice(0, MAX_GROUP)) task.reject(failed);
          continue;
        }
        // Until a transaction of this group succeeded, one that throws is undone by rolling back
        // the whole group, so it needs no savepoint.
        let kept = false;
        let groupLost: unknown;
        while (queue.length > 0 && done.length < MAX_GROUP) {
          const task = queue.shift()!;
          if (kept) savepoint.run();
          try {
            const value = await task.work();
            if (kept) release.run();
            kept = true;
            done.push({ task, ok: true, value });
          } catch (error) {
            done.push({ task, ok: false, value: translate(error) });
            if (!kept) {
              if (db.inTransaction) rollback.run();
              break;
            }
            if (!db.inTransaction) {
              // SQLite rolled the whole transaction back by itself (it may on SQLITE_FULL or an
              // I/O error), so the work kept before this failure is gone too: fail it all.
              groupLost = error;
              break;
            }
            rollbackToSavepoint.run();
            release.run();
          }
        }
        if (groupLost !== undefined) {
          const lost = translate(groupLost);
          for (const entry of done) if (entry.ok) Object.assign(entry, { ok: false, value: lost });
        } else if (db.inTransaction) {
          try {
            commit.run();
          } catch (error) {
            if (db.inTransaction) rollback.run();
            const failed = translate(error);
            for (const { task } of done) task.reject(failed);
            continue;
          }
        }
        for (const { task, ok, value } of done) (ok ? task.resolve : task.reject)(value);
      }
    } finally {
      draining = false;
    }
  }
  const statement = <T>(run: () => T): Promise<T> => {
    if (draining) return enqueue(run);
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(translate(error));
    }
  };
  const client: SqlClient = {
    dialect: 'sqlite',
    // Writes always join the group commit; reads run at once when no group is open.
    run: (sql, params = []) => enqueue(() => prepare(sql).run(params.map(sqliteValue)).changes),
    all: <Row>(sql: string, params: readonly SqlParam[] = []) => statement(() => prepare(sql).all(params.map(sqliteValue)) as Row[]),
    get: <Row>(sql: string, params: readonly SqlParam[] = []) => statement(() => prepare(sql).get(params.map(sqliteValue)) as Row | undefined),
    transaction: (work) => enqueue(() => work(direct)),
    batch: (work) => enqueue(() => work(direct)),
    readTogether: (reads) => reads(client),
    fromJson: <T>(value: unknown) => (value === null || value === undefined ? null : JSON.parse(value as string)) as T,
    fromDate: (value) => (value === null || value === undefined ? null : new Date(`${(value as string).replace(' ', 'T')}Z`)),
    fromBool: (value) => value === 1 || value === true,
    fromInt: (value) => Number(value),
  };
  return client;
}

function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

function postgresValue(value: SqlParam): unknown {
  if (value === undefined) return null;
  if (value instanceof JsonText) return value.text;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

/** Each statement's text with numbered placeholders, and a name when it may be prepared. */
const postgresStatements = new Map<string, { text: string; name: string | undefined }>();
/** Statements beyond this many (SQL built with a varying number of placeholders) are not prepared. */
const MAX_PREPARED = 500;

function postgresStatement(sql: string): { text: string; name: string | undefined } {
  let statement = postgresStatements.get(sql);
  if (statement === undefined) {
    const name = postgresStatements.size < MAX_PREPARED ? `dwc_${postgresStatements.size}` : undefined;
    postgresStatements.set(sql, (statement = { text: numbered(sql), name }));
  }
  return statement;
}

/**
 * Statements on `target`. `prepared`: each statement is parsed and planned once per connection
 * (a named prepared statement) instead of at every call; for the group commit's connections,
 * which run the same few writes over and over.
 */
function postgresQueries(
  target: Pool | PoolClient,
  translate: (error: unknown) => unknown,
  options: { onError?: (error: unknown) => void; prepared?: boolean } = {},
): SqlQueries {
  const query = async (sql: string, params: readonly SqlParam[]) => {
    const { text, name } = postgresStatement(sql);
    try {
      return await target.query({ text, values: params.map(postgresValue), name: options.prepared ? name : undefined });
    } catch (error) {
      options.onError?.(error);
      throw translate(error);
    }
  };
  return {
    async run(sql, params = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await query(sql, params)).rows as Row[];
    },
    async get<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await query(sql, params)).rows[0] as Row | undefined;
    },
  };
}

function postgresClient(pool: Pool, translate: (error: unknown) => unknown): SqlClient & { close(): Promise<void> } {
  async function transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A connection lost while checked out fails its queries; its 'error' event must not go unheard.
    const ignoreError = () => undefined;
    client.on('error', ignoreError);
    try {
      await client.query('BEGIN');
      const result = await work(postgresQueries(client, translate));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translate(error);
    } finally {
      client.removeListener('error', ignoreError);
      client.release();
    }
  }
  let groupCommit: PostgresGroupCommit | undefined;
  let readGroup: PostgresReadGroup | undefined;
  const poolOptions = (pool as Pool & { options: PoolConfig }).options;
  return {
    dialect: 'postgres',
    ...postgresQueries(pool, translate),
    transaction,
    batch(work) {
      groupCommit ??= createPostgresGroupCommit({
        poolOptions,
        queriesOn: (client, onError) => postgresQueries(client, translate, { onError, prepared: true }),
        translate,
        alone: transaction,
      });
      return groupCommit.run(work);
    },
    readTogether(reads) {
      // Not prepared: a prepared `SELECT *` fails once another process's migration adds a column.
      readGroup ??= createPostgresReadGroup({ poolOptions, queriesOn: (client) => postgresQueries(client, translate), translate });
      return readGroup.run(reads);
    },
    close: async () => {
      await Promise.all([groupCommit?.close(), readGroup?.close()]);
    },
    fromJson: <T>(value: unknown) => (value === undefined ? null : value) as T,
    fromDate: (value) => (value === null || value === undefined ? null : new Date(value as string | Date)),
    fromBool: (value) => value === true,
    fromInt: (value) => Number(value),
  };
}
