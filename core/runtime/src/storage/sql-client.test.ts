import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlClientOf, type SqlClient } from './sql-client.js';
import { sqliteDriver } from './sqlite-driver.js';
import { openTestDatabase, type TestDatabase } from './test-support/open-test-database.js';

describe.each(['sqlite', 'postgres'] as const)('SQL client on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;
  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
  });
  afterAll(() => db.cleanup());

  const put = (q: Pick<SqlClient, 'run'>, key: string, value: unknown) =>
    q.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value as object, new Date()]);
  const read = async (key: string) => sql.fromJson((await sql.get<{ value: unknown }>('SELECT value FROM settings WHERE key = ?', [key]))?.value);

  it('commits concurrent transactions independently: one that throws leaves no trace, the others stay', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        sql.transaction(async (tx) => {
          await put(tx, `k${i}`, { i });
          await new Promise((resolve) => setTimeout(resolve, 1));
          await put(tx, `k${i}-second`, { i });
          if (i === 7) throw new Error('seven fails');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await read('k7')).toBeNull();
    expect(await read('k7-second')).toBeNull();
    for (const i of [0, 6, 8, 19]) expect(await read(`k${i}-second`)).toEqual({ i });
  });

  it('rolls back a group\'s first transaction that throws, and still commits the ones queued behind it', async () => {
    const results = await Promise.allSettled(
      ['first', 'second', 'third'].map((key, i) =>
        sql.transaction(async (tx) => {
          await put(tx, key, i);
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (i === 0) throw new Error('first fails');
          await put(tx, `${key}-second`, i);
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await read('first')).toBeNull();
    expect(await read('second-second')).toBe(1);
    expect(await read('third')).toBe(2);
  });

  it('runs a plain statement issued while transactions are open after them, never inside a rolled-back one', async () => {
    const failing = sql.transaction(async (tx) => {
      await put(tx, 'inside', 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('roll me back');
    });
    const plain = put(sql, 'outside', 2);
    await expect(failing).rejects.toThrow('roll me back');
    await plain;
    expect(await read('inside')).toBeNull();
    expect(await read('outside')).toBe(2);
  });

  it('commits batched units independently: a unit that throws or breaks a constraint leaves no trace, the others stay', async () => {
    await put(sql, 'taken', 0);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        sql.batch(async (tx) => {
          await put(tx, `b${i}`, { i });
          await put(tx, `b${i}-second`, { i });
          if (i === 11) throw new Error('eleven fails');
          if (i === 12) await tx.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', ['taken', 1, new Date()]);
          return i;
        }),
      ),
    );
    expect(results.map((r, i) => (r.status === 'fulfilled' ? r.value : i))).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([
      expect.stringContaining('eleven fails'),
      expect.stringMatching(/duplicate|unique/i),
    ]);
    for (const key of ['b11', 'b11-second', 'b12', 'b12-second']) expect(await read(key)).toBeNull();
    for (const i of [0, 10, 13, 29]) expect(await read(`b${i}-second`)).toEqual({ i });
  });

  it.runIf(dialect === 'postgres')('commits the units batched in one turn in one transaction, and ones batched later in another', async () => {
    const txid = (tx: Pick<SqlClient, 'get'>) => tx.get<{ id: string }>('SELECT txid_current()::text AS id').then((row) => row!.id);
    const first = await Promise.all(Array.from({ length: 10 }, () => sql.batch(txid)));
    expect(new Set(first).size).toBe(1);
    const later = await sql.batch(txid);
    expect(later).not.toBe(first[0]);
  });

  it.runIf(dialect === 'postgres')('does not lose the other units of a group when one swallows a failed statement (which aborted the shared transaction)', async () => {
    const results = await Promise.all(
      ['swallow-a', 'swallow-b'].map((key, i) =>
        sql.batch(async (tx) => {
          await put(tx, key, i);
          if (i === 0) await tx.run('SELECT 1 / 0').catch(() => undefined);
          return key;
        }),
      ),
    );
    expect(results).toEqual(['swallow-a', 'swallow-b']);
    expect(await read('swallow-b')).toBe(1);
  });

  it.runIf(dialect === 'postgres')('survives the loss of a group\'s connection: the other units commit, and later batches use a new connection', async () => {
    const results = await Promise.allSettled([
      sql.batch((tx) => put(tx, 'before-loss', 1)),
      sql.batch((tx) => tx.get('SELECT pg_terminate_backend(pg_backend_pid())')),
    ]);
    expect(results[0]!.status).toBe('fulfilled');
    expect(results[1]!.status).toBe('rejected');
    expect(await read('before-loss')).toBe(1);
    await sql.batch((tx) => put(tx, 'after-loss', 2));
    expect(await read('after-loss')).toBe(2);
  });

  it('answers reads run together each with its own result, a failing one failing alone', async () => {
    await put(sql, 'together', 1);
    const results = await Promise.allSettled([
      sql.readTogether((q) => q.get<{ key: string }>('SELECT key FROM settings WHERE key = ?', ['together'])),
      sql.readTogether((q) => q.get('SELECT * FROM no_such_table')),
      sql.readTogether(async (q) => (await q.all('SELECT key FROM settings WHERE key = ?', ['missing'])).length),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<unknown>).value).toEqual({ key: 'together' });
    expect((results[2] as PromiseFulfilledResult<unknown>).value).toBe(0);
  });

  it.runIf(dialect === 'postgres')('sends the reads of one turn over one connection', async () => {
    const backend = () => sql.readTogether((q) => q.get<{ pid: number }>('SELECT pg_backend_pid() AS pid').then((row) => row!.pid));
    expect(new Set(await Promise.all(Array.from({ length: 10 }, backend))).size).toBe(1);
  });

  it.runIf(dialect === 'sqlite')('fails the waiting group with SQLITE_BUSY instead of hanging while another connection holds the write lock, then recovers', async () => {
    const connection = (db.database.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    connection.pragma('busy_timeout = 20');
    const Driver = sqliteDriver();
    const other = new Driver(connection.name);
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      await expect(put(sql, 'busy', 1)).rejects.toThrow(/locked|busy/i);
      other.prepare('ROLLBACK').run();
    } finally {
      other.close();
      connection.pragma('busy_timeout = 5000');
    }
    await put(sql, 'busy', 2);
    expect(await read('busy')).toBe(2);
  });

  it('round-trips JSON scalars, booleans and UTC dates', async () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    await sql.run('INSERT INTO plugin_configs (plugin_name, enabled, config, updated_at) VALUES (?, ?, ?, ?)', ['p', true, { a: [1, 'two'] }, when]);
    const row = await sql.get<Record<string, unknown>>('SELECT * FROM plugin_configs WHERE plugin_name = ?', ['p']);
    expect(sql.fromBool(row!.enabled)).toBe(true);
    expect(sql.fromJson(row!.config)).toEqual({ a: [1, 'two'] });
    expect(sql.fromDate(row!.updated_at)).toEqual(when);
    for (const [name, at] of [['same', when], ['next', new Date(when.getTime() + 1)], ['same-again', when]] as const) {
      await sql.run('INSERT INTO plugin_configs (plugin_name, enabled, config, updated_at) VALUES (?, ?, ?, ?)', [name, true, {}, at]);
      const saved = await sql.get<Record<string, unknown>>('SELECT updated_at FROM plugin_configs WHERE plugin_name = ?', [name]);
      expect(sql.fromDate(saved!.updated_at)).toEqual(at);
    }
  });
});
