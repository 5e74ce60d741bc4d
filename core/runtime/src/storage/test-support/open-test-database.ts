import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createTestDatabase } from '../../../../../tests/support/postgres.js';
import { openDatabase, type Database } from '../database.js';
import type { Dialect } from '../dialect.js';

export const silentLogger = pino({ level: 'silent' });

/** A test's own database: SQLite in a fresh temp folder, or a fresh Postgres database. */
export interface TestDatabase {
  database: Database;
  /** Closes the database and deletes its folder or drops it. */
  cleanup(): Promise<void>;
}

/** Opens an empty, unmigrated database of `dialect` that no other test file sees. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'dwc-sqlite-'));
    const database = await openDatabase({ dataDir, logger: silentLogger });
    return {
      database,
      async cleanup() {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/nonexistent', logger: silentLogger });
  return {
    database,
    async cleanup() {
      await database.close();
      await scratch.drop();
    },
  };
}
