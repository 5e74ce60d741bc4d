import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeBusyCalls } from './pg-busy-client-guard.js';
import { createTestDatabase, type ScratchDatabase } from './postgres.js';

describe('the busy pg client guard of the test run', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createTestDatabase();
  });
  afterAll(() => scratch.drop());

  it('records a query given to a plain client while it runs another', async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await Promise.all([client.query('SELECT pg_sleep(0.01)'), client.query('SELECT 1')]);
      const calls = takeBusyCalls();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toContain('SELECT 1');
      await client.query('SELECT 2');
      expect(takeBusyCalls()).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('lets a pipelined client take queries while others are in flight', async () => {
    const client = new pg.Client({ connectionString: scratch.url, pipeline: true });
    await client.connect();
    try {
      const results = await Promise.all([client.query('SELECT 1 AS n'), client.query('SELECT 2 AS n'), client.query('SELECT 3 AS n')]);
      expect(results.map((r) => r.rows[0].n)).toEqual([1, 2, 3]);
      expect(takeBusyCalls()).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
