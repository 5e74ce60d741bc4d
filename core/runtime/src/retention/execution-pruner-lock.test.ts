import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/postgres.js';
import type { ScratchDatabase } from '../../../../tests/support/postgres.js';
import { openDatabase, type Database } from '../storage/database.js';
import { newId } from '../storage/new-id.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { silentLogger } from '../storage/test-support/open-test-database.js';
import { createExecutionPruner, PRUNE_LOCK_KEY } from './execution-pruner.js';

describe('execution pruner on Postgres with several processes', () => {
  let scratch: ScratchDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/nonexistent', logger: silentLogger });
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await scratch.drop();
  });

  it('leaves the pass to the process already pruning, and prunes once that one is done', async () => {
    const sql = sqlClientOf(database);
    const old = new Date(Date.now() - 30 * 86_400_000);
    await sql.run(
      `INSERT INTO executions (id, workflow_id, version, status, cancel_requested, created_at, finished_at) VALUES (?, 'wf', 1, 'succeeded', ?, ?, ?)`,
      [newId(old.getTime()), false, old, old],
    );
    const pruner = createExecutionPruner({ database, sql, logger: silentLogger, retention: { days: 14, count: 0 }, intervalMs: 60_000 });
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [PRUNE_LOCK_KEY]);
      expect((await pruner.pruneOnce()).executions).toBe(0);
      await other.query('COMMIT');
      expect((await pruner.pruneOnce()).executions).toBe(1);
    } finally {
      await other.end();
    }
  });
});
