import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import type { Database } from './database.js';

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
  fromJson<T = unknown>(value: unknown): T;
  fromDate(value: unknown): Date | null;
  fromBool(value: unknown): boolean;
  fromInt(value: unknown): number;
}

/** The SQL client of an open database. */
export function sqlClientOf(database: Database): SqlClient {
  const driver = database.dataSource.driver as unknown as { databaseConnection?: BetterSqlite3.Database; master?: Pool };
  if (database.dialect === 'sqlite') return sqliteClient(driver.databaseConnection!);
  return postgresClient(driver.master!);
}

function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function sqliteValue(value: SqlParam): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

function sqliteClient(db: BetterSqlite3.Database): SqlClient {
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
  // One connection: while a transaction awaits, other callers must not slip statements into it.
  // Each wait re-checks and acts in the same continuation, so no statement lands between the two.
  let lock: Promise<void> = Promise.resolve();
  let inTransaction = false;
  const exclusive = async <T>(statement: () => T): Promise<T> => {
    while (inTransaction) await lock;
    return statement();
  };
  return {
    dialect: 'sqlite',
    run: (sql, params = []) => exclusive(() => prepare(sql).run(params.map(sqliteValue)).changes),
    all: <Row>(sql: string, params: readonly SqlParam[] = []) => exclusive(() => prepare(sql).all(params.map(sqliteValue)) as Row[]),
    get: <Row>(sql: string, params: readonly SqlParam[] = []) => exclusive(() => prepare(sql).get(params.map(sqliteValue)) as Row | undefined),
    async transaction(work) {
      while (inTransaction) await lock;
      let release!: () => void;
      lock = new Promise((resolve) => (release = resolve));
      inTransaction = true;
      try {
        prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await work(direct);
          prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (db.inTransaction) prepare('ROLLBACK').run();
          throw error;
        }
      } finally {
        inTransaction = false;
        release();
      }
    },
    fromJson: <T>(value: unknown) => (value === null || value === undefined ? null : JSON.parse(value as string)) as T,
    fromDate: (value) => (value === null || value === undefined ? null : new Date(`${(value as string).replace(' ', 'T')}Z`)),
    fromBool: (value) => value === 1 || value === true,
    fromInt: (value) => Number(value),
  };
}

function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

function postgresValue(value: SqlParam): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

function postgresQueries(target: Pool | PoolClient): SqlQueries {
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let converted = texts.get(sql);
    if (converted === undefined) texts.set(sql, (converted = numbered(sql)));
    return converted;
  };
  return {
    async run(sql, params = []) {
      return (await target.query(text(sql), params.map(postgresValue))).rowCount ?? 0;
    },
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await target.query(text(sql), params.map(postgresValue))).rows as Row[];
    },
    async get<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await target.query(text(sql), params.map(postgresValue))).rows[0] as Row | undefined;
    },
  };
}

function postgresClient(pool: Pool): SqlClient {
  return {
    dialect: 'postgres',
    ...postgresQueries(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(postgresQueries(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    fromJson: <T>(value: unknown) => (value === undefined ? null : value) as T,
    fromDate: (value) => (value === null || value === undefined ? null : new Date(value as string | Date)),
    fromBool: (value) => value === true,
    fromInt: (value) => Number(value),
  };
}
