import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entities } from './entities/index.js';
import type { Dialect } from './dialect.js';
import { openTestDatabase, silentLogger, type TestDatabase } from './test-support/open-test-database.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { openDatabase } from './database.js';
import { createTestDatabase } from '../../../../tests/support/postgres.js';

const migrationNames: Record<Dialect, string[]> = {
  sqlite: sqliteMigrations.map((migration) => migration.name),
  postgres: postgresMigrations.map((migration) => migration.name),
};
const tableNames = entities.map((entity) => entity.options.tableName ?? entity.options.name);

describe.each(['sqlite', 'postgres'] as const)('database on %s', (dialect) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await test.cleanup();
  });

  it('both dialects have the same migrations, in order', () => {
    expect(migrationNames.sqlite).toEqual(migrationNames.postgres);
    expect(migrationNames[dialect].length).toBeGreaterThan(0);
  });

  it('migrates up from empty once, then has nothing pending', async () => {
    const { database } = test;
    expect(database.dialect).toBe(dialect);
    expect(await database.pendingMigrations()).toEqual(migrationNames[dialect]);

    expect(await database.migrate()).toEqual(migrationNames[dialect]);
    const runner = database.dataSource.createQueryRunner();
    try {
      for (const table of tableNames) expect(await runner.hasTable(table), table).toBe(true);
    } finally {
      await runner.release();
    }

    expect(await database.migrate()).toEqual([]);
    expect(await database.pendingMigrations()).toEqual([]);
  });

  it('the migrations produce exactly the schema the entities describe', async () => {
    const builder = test.database.dataSource.driver.createSchemaBuilder();
    expect((await builder.log()).upQueries.length).toBeGreaterThan(0);
    await test.database.migrate();
    const pending = await builder.log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('the migrations revert down to empty and apply again', async () => {
    const { database } = test;
    await database.migrate();
    for (let i = 0; i < migrationNames[dialect].length; i++) {
      await database.dataSource.undoLastMigration({ transaction: 'all' });
    }
    const runner = database.dataSource.createQueryRunner();
    try {
      for (const table of tableNames) expect(await runner.hasTable(table), table).toBe(false);
    } finally {
      await runner.release();
    }
    expect(await database.migrate()).toEqual(migrationNames[dialect]);
  });

  it('answers ping, and reports failure instead of throwing once closed', async () => {
    const ping = await test.database.ping();
    expect(ping).toMatchObject({ ok: true });
    expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
    await test.database.close();
    expect(await test.database.ping()).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('close() can be called more than once', async () => {
    await test.database.close();
    await expect(test.database.close()).resolves.toBeUndefined();
    expect(test.database.dataSource.isInitialized).toBe(false);
  });

  it('describes where the data lives without the password', () => {
    const described = test.database.describe();
    if (dialect === 'sqlite') {
      expect(described).toMatch(/dwc-sqlite-[^/]+\/dwc\.sqlite$/);
    } else {
      const url = new URL((test.database.dataSource.options as PostgresDataSourceOptions).url ?? '');
      expect(described).toBe(`${url.hostname}:${url.port || '5432'}${url.pathname}`);
      if (url.password) expect(described).not.toContain(url.password);
    }
  });
});

describe('database on sqlite', () => {
  it('sets WAL, foreign keys, a busy timeout and synchronous=NORMAL', async () => {
    const { database, cleanup } = await openTestDatabase('sqlite');
    try {
      const pragma = async (name: string): Promise<unknown> =>
        Object.values(((await database.dataSource.query(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(1);
    } finally {
      await cleanup();
    }
  });
});

describe('database on postgres', () => {
  it('names its connections dwc and works in UTC', async () => {
    const { database, cleanup } = await openTestDatabase('postgres');
    try {
      const [row] = (await database.dataSource.query(
        `SELECT current_setting('application_name') AS app, current_setting('TimeZone') AS tz`,
      )) as { app: string; tz: string }[];
      expect(row).toEqual({ app: 'dwc', tz: 'UTC' });
    } finally {
      await cleanup();
    }
  });

  it('lets several processes migrate the same database at once', async () => {
    const scratch = await createTestDatabase();
    const open = () => openDatabase({ databaseUrl: scratch.url, dataDir: '/nonexistent', logger: silentLogger });
    const databases = await Promise.all([open(), open(), open()]);
    try {
      const applied = await Promise.all(databases.map((database) => database.migrate()));
      expect(applied.flat().sort()).toEqual([...migrationNames.postgres].sort());
      expect(await databases[0]?.pendingMigrations()).toEqual([]);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
      await scratch.drop();
    }
  });
});
