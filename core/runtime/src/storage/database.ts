import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';
import type { DataSourceOptions } from 'typeorm';
import { DataSource, MigrationExecutor } from './typeorm.js';
import { ConfigError, UnavailableError } from '@dwc/sdk';
import type { Dialect } from './dialect.js';
import { entitiesFor } from './entities/index.js';
import { describePostgresUrl, isPostgresUrl, scrubPassword } from './postgres-url.js';
import { closeSqlClient, JsonText, sqlClientOf } from './sql-client.js';
import { loadPg } from './load-pg.js';
import { sqliteDriver } from './sqlite-driver.js';
import { useIncrementalAutoVacuum } from './sqlite-space.js';
import { createStorageMonitor, type StorageLocation, type StorageMonitor } from './storage-full.js';
import { typeOrmLogger } from './typeorm-logger.js';

export interface OpenDatabaseOptions {
  /** `DATABASE_URL`: a postgres:// URL selects Postgres; unset (or empty) uses SQLite. */
  databaseUrl?: string;
  /** `DWC_DATA_DIR`: the SQLite file lives here as `dwc.sqlite`. */
  dataDir: string;
  logger: Logger;
}

export type PingResult = { ok: true; latencyMs: number } | { ok: false; latencyMs: number; error: string };

/** An open database connection (a pool on Postgres) with its migrations. */
export interface Database {
  readonly dialect: Dialect;
  readonly dataSource: DataSource;
  /** Where the data lives, for log lines: the SQLite file, or `host:port/database` (no password). */
  describe(): string;
  /** Runs `SELECT 1` with a short timeout, and reports a full disk until a write has room again; never throws. */
  ping(): Promise<PingResult>;
  /** Recognises a full disk in any storage failure, names the data folder, and remembers it for `ping`. */
  readonly storage: StorageMonitor;
  /** Applies pending migrations in one transaction; returns the names applied, oldest first. */
  migrate(): Promise<string[]>;
  /** Names of migrations not yet applied, oldest first. */
  pendingMigrations(): Promise<string[]>;
  /** Closes the connection; later calls do nothing. */
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'dwc.sqlite';
const PING_TIMEOUT_MS = 2_000;
const POSTGRES_POOL_SIZE = 10;
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;
const SLOW_QUERY_MS = 1_000;
/** Postgres advisory lock key held while migrating, so processes sharing a database migrate one at a time. */
const MIGRATION_LOCK_KEY = 0x64776301;
/** The settings row a storage probe writes and deletes, and how many bytes it needs room for. */
const STORAGE_PROBE_KEY = 'dwc.storage_probe';
const STORAGE_PROBE_BYTES = 64 * 1024;

/**
 * Opens the database selected by the configuration: Postgres when `databaseUrl` is a postgres://
 * URL, otherwise SQLite at `<dataDir>/dwc.sqlite`. Does not migrate; call `migrate()`.
 * Throws a ConfigError naming `DWC_DATA_DIR` or `DATABASE_URL` when the setting is unusable, and an
 * UnavailableError naming `DATABASE_URL` and `host:port/database` when Postgres cannot be reached.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.databaseUrl === '' ? undefined : options.databaseUrl;
  if (url !== undefined && !isPostgresUrl(url)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite)');
  }
  const logger = options.logger.child({ component: 'storage' });
  const location: StorageLocation = url !== undefined
    ? { folder: `of the Postgres server at ${describePostgresUrl(url).where} (DATABASE_URL)`, how: 'on the database server' }
    : { folder: resolve(options.dataDir), how: 'or point DWC_DATA_DIR at a larger one' };
  // The probe writes (and then deletes) a row that needs real room, through the same client as everything else.
  const storage = createStorageMonitor(location, async () => {
    const sql = sqlClientOf(database);
    const value = new JsonText(JSON.stringify(randomBytes(STORAGE_PROBE_BYTES * 3 / 4).toString('base64')));
    await sql.run(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      [STORAGE_PROBE_KEY, value, new Date()],
    );
    await sql.run('DELETE FROM settings WHERE key = ?', [STORAGE_PROBE_KEY]);
  });
  const common = {
    migrationsTransactionMode: 'all',
    synchronize: false,
    logger: typeOrmLogger(logger, storage),
    maxQueryExecutionTime: SLOW_QUERY_MS,
  } as const;

  let dialect: Dialect;
  let where: string;
  let dataSourceOptions: DataSourceOptions;
  let describeFailure: (error: unknown) => Error;
  if (url !== undefined) {
    const target = describePostgresUrl(url);
    dialect = 'postgres';
    where = target.where;
    dataSourceOptions = {
      ...common,
      type: 'postgres',
      url,
      // The pg the other pools use; left to itself typeorm requires its own (one copy in the bundle).
      driver: loadPg(),
      entities: entitiesFor('postgres'),
      // Only the open dialect's migrations are loaded: the other set is as many modules again.
      migrations: (await import('./migrations/postgres/index.js')).postgresMigrations,
      poolSize: POSTGRES_POOL_SIZE,
      connectTimeoutMS: POSTGRES_CONNECT_TIMEOUT_MS,
      applicationName: 'dwc',
      poolErrorHandler: (error: unknown) => logger.warn({ err: error }, 'Postgres pool error'),
      extra: { options: '-c TimeZone=UTC' },
    };
    describeFailure = (error) =>
      new UnavailableError(
        `Cannot connect to Postgres at ${where} (DATABASE_URL): ${scrubPassword(errorText(error), target.password)}. ${postgresHint(error)}`,
      );
  } else {
    const dataDir = resolve(options.dataDir);
    dialect = 'sqlite';
    where = join(dataDir, SQLITE_FILE_NAME);
    const sqliteFailure = (error: unknown): Error =>
      new ConfigError(
        `Cannot open the SQLite database ${where} (DWC_DATA_DIR=${dataDir}): ${errorText(error)}. Check that the folder can be created and written by this user.`,
        { cause: error },
      );
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw sqliteFailure(error);
    }
    dataSourceOptions = {
      ...common,
      type: 'better-sqlite3',
      driver: sqliteDriver(),
      database: where,
      entities: entitiesFor('sqlite'),
      migrations: (await import('./migrations/sqlite/index.js')).sqliteMigrations,
      enableWAL: true,
      timeout: 5_000,
      prepareDatabase: (db: BetterSqlite3.Database) => {
        db.pragma('synchronous = NORMAL');
        useIncrementalAutoVacuum(db, where, logger);
      },
    };
    describeFailure = sqliteFailure;
  }

  const dataSource = new DataSource(dataSourceOptions);
  try {
    await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw describeFailure(error);
  }
  logger.debug({ dialect, where }, 'database opened');

  let closing: Promise<void> | undefined;

  const database: Database = {
    dialect,
    dataSource,
    storage,
    describe: () => where,

    async ping() {
      const started = performance.now();
      const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
      if (!dataSource.isInitialized) return { ok: false, latencyMs: 0, error: 'database is closed' };
      let timer: NodeJS.Timeout | undefined;
      try {
        const full = await storage.recheck();
        if (full !== undefined) return { ok: false, latencyMs: elapsed(), error: full.message };
        await Promise.race([
          dataSource.query('SELECT 1'),
          new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
          }),
        ]);
        return { ok: true, latencyMs: elapsed() };
      } catch (error) {
        return { ok: false, latencyMs: elapsed(), error: errorText(error) };
      } finally {
        clearTimeout(timer);
      }
    },

    async migrate() {
      const runner = dataSource.createQueryRunner();
      try {
        if (dialect === 'postgres') await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'all';
        const applied = (await executor.executePendingMigrations()).map((migration) => migration.name);
        if (applied.length > 0) logger.info({ where, applied }, `applied ${applied.length} migration(s)`);
        return applied;
      } finally {
        if (dialect === 'postgres') {
          await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        }
        await runner.release();
      }
    },

    async pendingMigrations() {
      const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
      return pending.map((migration) => migration.name);
    },

    close() {
      closing ??= closeSqlClient(database).then(() => (dataSource.isInitialized ? dataSource.destroy() : undefined));
      return closing;
    },
  };
  return database;
}

/** The message of an error, including the parts of an AggregateError (e.g. IPv4 and IPv6 both refused). */
function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(errorText).join('; ');
  }
  if (error instanceof Error) return error.message || ('code' in error ? String(error.code) : error.name);
  return String(error);
}

function postgresHint(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === '28P01' || code === '28000') return 'Check the user name and password in DATABASE_URL.';
  if (code === '3D000') return 'Create the database first, or point DATABASE_URL at an existing one.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Check the host name in DATABASE_URL.';
  return 'Is the server running and reachable from here?';
}
