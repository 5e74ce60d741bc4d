import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { sqlClientOf } from './sql-client.js';
import { reclaimSqliteSpace } from './sqlite-space.js';
import { silentLogger } from './test-support/open-test-database.js';

const autoVacuumOf = (database: Database) => database.dataSource.query('PRAGMA auto_vacuum') as Promise<{ auto_vacuum: number }[]>;

describe('SQLite space', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function open(prepare?: (file: string) => void): Promise<{ database: Database; file: string }> {
    const dataDir = await mkdtemp(join(tmpdir(), 'dwc-space-'));
    const file = join(dataDir, 'dwc.sqlite');
    prepare?.(file);
    const database = await openDatabase({ dataDir, logger: silentLogger });
    cleanups.push(async () => {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    return { database, file };
  }

  it('opens a new database with incremental auto-vacuum', async () => {
    const { database } = await open();
    await database.migrate();
    expect(await autoVacuumOf(database)).toEqual([{ auto_vacuum: 2 }]);
  });

  it('converts an existing small database that had no auto-vacuum, keeping its rows', async () => {
    const { database } = await open((file) => {
      const db = new BetterSqlite3(file);
      db.exec("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')");
      db.close();
    });
    expect(await autoVacuumOf(database)).toEqual([{ auto_vacuum: 2 }]);
    expect(await database.dataSource.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
  });

  it('gives the pages of deleted rows back, so the file shrinks', async () => {
    const { database, file } = await open();
    await database.migrate();
    const sql = sqlClientOf(database);
    const at = new Date();
    await sql.transaction(async (tx) => {
      for (let n = 0; n < 400; n++) await tx.run('INSERT INTO blobs (id, execution_id, content, size_bytes, created_at) VALUES (?, ?, ?, ?, ?)', [`b${n}`, 'e', 'x'.repeat(20_000), 20_000, at]);
    });
    await database.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const full = (await stat(file)).size;
    await sql.run('DELETE FROM blobs');
    await database.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    expect((await stat(file)).size).toBe(full);

    const freed = await reclaimSqliteSpace(database);

    expect(freed).toBeGreaterThan(1_500);
    // The little freed afterwards stays for new rows to reuse.
    await sql.run('INSERT INTO blobs (id, execution_id, content, size_bytes, created_at) VALUES (?, ?, ?, ?, ?)', ['small', 'e', 'x'.repeat(20_000), 20_000, at]);
    await sql.run('DELETE FROM blobs');
    await expect(reclaimSqliteSpace(database)).resolves.toBe(0);
    expect((await stat(file)).size).toBeLessThan(full - 6_000_000);
  });
});
