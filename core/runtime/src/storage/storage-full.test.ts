import type BetterSqlite3 from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlClientOf, type SqlClient } from './sql-client.js';
import { sqliteDriver } from './sqlite-driver.js';
import { createStorageMonitor, isStorageFull } from './storage-full.js';
import { openTestDatabase, type TestDatabase } from './test-support/open-test-database.js';

/** A real SQLITE_FULL from better-sqlite3: an in-memory database capped at its current size. */
function sqliteFullError(): Error {
  const db = new (sqliteDriver())(':memory:');
  try {
    db.exec('CREATE TABLE t (v TEXT)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
  throw new Error('expected SQLITE_FULL');
}

describe('isStorageFull', () => {
  it('recognises SQLite\'s SQLITE_FULL, also inside TypeORM\'s QueryFailedError', () => {
    const full = sqliteFullError();
    expect((full as Error & { code: string }).code).toBe('SQLITE_FULL');
    expect(isStorageFull(full)).toBe(true);
    expect(isStorageFull(new QueryFailedError('INSERT', [], full))).toBe(true);
  });

  it('recognises Postgres\'s disk_full (53100) and "could not extend file", and nothing else', () => {
    expect(isStorageFull(Object.assign(new Error('could not extend file "base/16384/16397": No space left on device'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(new Error('could not extend file "base/1/2": wrote only 4096 of 8192 bytes'))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isStorageFull(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isStorageFull('full')).toBe(false);
  });
});

describe('storage monitor', () => {
  it('turns a full-disk failure into storage_full naming the folder, and keeps the condition until a probe succeeds', async () => {
    let room = false;
    const monitor = createStorageMonitor({ folder: '/srv/dwc/data', how: 'or point DWC_DATA_DIR at a larger one' }, async () => {
      if (!room) throw sqliteFullError();
    });
    const other = new Error('other');
    expect(monitor.translate(other)).toBe(other);
    expect(monitor.condition()).toBeUndefined();
    const translated = monitor.translate(sqliteFullError()) as Error & { code: string; details: unknown };
    expect(translated.code).toBe('storage_full');
    expect(translated.message).toBe(
      'The data folder /srv/dwc/data is full, so nothing was saved. Free space on its disk (or point DWC_DATA_DIR at a larger one); the server recovers by itself once there is room.',
    );
    expect(monitor.translate(translated)).toBe(translated);
    expect((await monitor.recheck())?.code).toBe('storage_full');
    room = true;
    expect(await monitor.recheck()).toBeUndefined();
    expect(monitor.condition()).toBeUndefined();
  });
});

describe('SQL client on a full SQLite database', () => {
  let db: TestDatabase;
  let sql: SqlClient;
  let connection: BetterSqlite3.Database;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    await db.database.migrate();
    sql = sqlClientOf(db.database);
    connection = (db.database.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  });
  afterAll(() => db.cleanup());

  const put = (q: Pick<SqlClient, 'run'>, key: string, value: string) =>
    q.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [key, JSON.stringify(value), new Date()]);
  const keys = async () => (await sql.all<{ key: string }>('SELECT key FROM settings ORDER BY key')).map((row) => row.key);

  it('fails a group SQLite rolled back whole with storage_full, never hangs, and commits the transactions queued after it', async () => {
    await put(sql, 'warm-up', 'x');
    connection.pragma(`max_page_count = ${connection.pragma('page_count', { simple: true }) as number}`);
    try {
      const big = (key: string) => sql.transaction(async (tx) => {
        await put(tx, `${key}-a`, 'b');
        await put(tx, `${key}-b`, 'y'.repeat(200_000));
      });
      // First of its group: only it is rolled back.
      const first = await Promise.allSettled([big('big-first'), sql.transaction((tx) => put(tx, 'after-first', 'a'))]);
      expect(first.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
      // Behind a kept transaction: SQLite rolls the whole transaction back on SQLITE_FULL, so the
      // one before it in the group is lost too and must not be reported as saved.
      const behind = await Promise.allSettled([sql.transaction((tx) => put(tx, 'lost-with-group', 'a')), big('big-behind'), sql.transaction((tx) => put(tx, 'after-behind', 'c'))]);
      expect(behind.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      for (const result of [first[0], behind[0], behind[1]]) expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'storage_full' });
      expect(db.database.storage.condition()?.code).toBe('storage_full');
      expect(await keys()).toEqual(['after-behind', 'after-first', 'warm-up']);
      expect((await db.database.ping()).ok).toBe(false);
    } finally {
      connection.pragma('max_page_count = 1073741823');
    }
    expect(await db.database.ping()).toMatchObject({ ok: true });
    expect(db.database.storage.condition()).toBeUndefined();
    expect(await keys()).toEqual(['after-behind', 'after-first', 'warm-up']);
  });
});

describe('readiness probe on Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    await db.database.migrate();
  });
  afterAll(() => db.cleanup());

  it('names the Postgres server for a disk_full failure and clears it once a probe write has room', async () => {
    // What pg raises when the server's disk is full (SQLSTATE 53100); the probe then writes for real.
    const failure = Object.assign(new Error('could not extend file "base/16384/16397": No space left on device'), { code: '53100' });
    const translated = db.database.storage.translate(failure) as Error & { code: string };
    expect(translated.code).toBe('storage_full');
    expect(translated.message).toMatch(/^The data folder of the Postgres server at .+ \(DATABASE_URL\) is full, so nothing was saved\. Free space on its disk \(on the database server\)/);
    expect(await db.database.ping()).toMatchObject({ ok: true });
    expect(db.database.storage.condition()).toBeUndefined();
    const sql = sqlClientOf(db.database);
    expect(await sql.get('SELECT key FROM settings WHERE key = ?', ['dwc.storage_probe'])).toBeUndefined();
  });
});
