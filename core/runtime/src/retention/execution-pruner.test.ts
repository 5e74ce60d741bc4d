import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../storage/new-id.js';
import { sqlClientOf, type SqlClient } from '../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createExecutionPruner } from './execution-pruner.js';

const DAY = 86_400_000;
const NOW = Date.now();

describe.each(['sqlite', 'postgres'] as const)('execution pruner on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
  });
  afterAll(() => db.cleanup());
  beforeEach(async () => {
    for (const table of ['document_embeddings', 'documents', 'blobs', 'execution_steps', 'jobs', 'executions', 'workflow_versions', 'workflows']) await sql.run(`DELETE FROM ${table}`);
  });

  const pruner = (retention = { days: 14, count: 10_000 }, batchSize?: number) =>
    createExecutionPruner({ database: db.database, sql, logger: silentLogger, retention, intervalMs: 60_000, batchSize });

  async function workflow(settings?: object): Promise<string> {
    const id = newId();
    const at = new Date();
    await sql.run('INSERT INTO workflows (id, name, latest_version, trigger_type, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)', [id, `wf ${id}`, 'manual', at, at]);
    const definition = { name: `wf ${id}`, trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: {} }], ...(settings ? { settings } : {}) };
    await sql.run('INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, 1, ?, ?)', [id, definition, at]);
    return id;
  }

  interface Run {
    status?: string;
    parent?: string;
    blob?: boolean;
    blobBytes?: number;
    document?: boolean;
    job?: string;
    /** A carried-over step reading this blob (as a re-run's steps do). */
    carriedBlob?: string;
  }

  /** An execution created `ageMs` ago, with one step, and what `run` asks for. Returns its id and its blob's id. */
  async function execution(workflowId: string, ageMs: number, run: Run = {}): Promise<{ id: string; blobId?: string }> {
    const created = NOW - ageMs;
    const id = newId(created);
    const at = new Date(created);
    const status = run.status ?? 'succeeded';
    const finished = ['succeeded', 'failed', 'cancelled'].includes(status);
    await sql.run(
      `INSERT INTO executions (id, workflow_id, version, status, input, parent_execution_id, parent_step_id, cancel_requested, created_at, started_at, finished_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, workflowId, status, { n: 1 }, run.parent ?? null, run.parent ? 'call' : null, false, at, at, finished ? at : null],
    );
    const blobId = run.blob ? newId(created) : run.carriedBlob;
    const content = JSON.stringify({ big: 'x'.repeat(run.blobBytes ?? 2000) });
    if (run.blob) await sql.run('INSERT INTO blobs (id, execution_id, content, size_bytes, created_at) VALUES (?, ?, ?, ?, ?)', [blobId!, id, content, content.length, at]);
    await sql.run(
      `INSERT INTO execution_steps (execution_id, step_id, item_index, status, attempts, input, output, output_blob_id, started_at, finished_at)
       VALUES (?, 'a', -1, ?, 1, ?, ?, ?, ?, ?)`,
      [id, finished ? 'succeeded' : 'running', { n: 1 }, blobId ? null : { ok: true }, blobId ?? null, at, finished ? at : null],
    );
    if (run.job !== undefined || !finished) {
      await sql.run(
        `INSERT INTO jobs (id, kind, name, task_type, priority, status, attempts, max_retries, run_at, cancel_requested, created_at)
         VALUES (?, 'execution', 'run', 'execution', 1, ?, 1, 0, ?, ?, ?)`,
        [id, run.job ?? (status === 'waiting' ? 'queued' : status), created, false, at],
      );
    }
    if (run.document) {
      await sql.run(
        `INSERT INTO documents (id, execution_id, workflow_id, step_id, title, content, format, metadata, size_bytes, checksum, created_at)
         VALUES (?, ?, ?, 'a', 'doc', 'text', 'text', ?, 4, 'sum', ?)`,
        [newId(created), id, workflowId, {}, at],
      );
    }
    return { id, blobId };
  }

  const count = async (table: string, where = '1 = 1', params: string[] = []) =>
    sql.fromInt((await sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params))!.n);
  const remaining = async () => (await sql.all<{ id: string }>('SELECT id FROM executions ORDER BY id')).map((row) => row.id);

  it('removes finished executions older than the retention days with their steps, blobs and jobs, and keeps their documents', async () => {
    const wf = await workflow();
    const old = await execution(wf, 20 * DAY, { blob: true, document: true, job: 'succeeded' });
    const failed = await execution(wf, 15 * DAY, { status: 'failed' });
    const recent = await execution(wf, 2 * DAY, { blob: true, document: true, job: 'succeeded' });

    const report = await pruner().pruneOnce(NOW);

    expect(await remaining()).toEqual([recent.id]);
    expect(report).toMatchObject({ executions: 2, steps: 2, blobs: 1, jobs: 1, documents: 0 });
    expect(await count('execution_steps', 'execution_id IN (?, ?)', [old.id, failed.id])).toBe(0);
    expect(await count('blobs', 'id = ?', [old.blobId!])).toBe(0);
    expect(await count('jobs', 'id = ?', [old.id])).toBe(0);
    expect(await count('blobs', 'id = ?', [recent.blobId!])).toBe(1);
    expect(await count('documents')).toBe(2);
  });

  it('never removes a queued, running or waiting execution, nor a finished one whose parent, child or job is unfinished', async () => {
    const wf = await workflow();
    const queued = await execution(wf, 30 * DAY, { status: 'queued' });
    const running = await execution(wf, 30 * DAY, { status: 'running' });
    const waiting = await execution(wf, 30 * DAY, { status: 'waiting' });
    const childOfWaiting = await execution(wf, 30 * DAY, { parent: waiting.id });
    const parentOfRunning = await execution(wf, 30 * DAY);
    await execution(wf, 1 * DAY, { status: 'running', parent: parentOfRunning.id });
    const jobStillRunning = await execution(wf, 30 * DAY, { job: 'running' });
    const prunable = await execution(wf, 30 * DAY);

    const report = await pruner({ days: 14, count: 1 }).pruneOnce(NOW);

    expect(report.executions).toBe(1);
    const kept = await remaining();
    expect(kept).not.toContain(prunable.id);
    for (const run of [queued, running, waiting, childOfWaiting, parentOfRunning, jobStillRunning]) expect(kept).toContain(run.id);
    expect(await count('execution_steps', 'execution_id = ?', [waiting.id])).toBe(1);
  });

  it('keeps only the newest executions past the retention count, in batches', async () => {
    const wf = await workflow();
    const runs: { id: string }[] = [];
    for (let n = 0; n < 23; n++) runs.push(await execution(wf, (30 - n) * 60_000));

    const report = await pruner({ days: 0, count: 5 }, 4).pruneOnce(NOW);

    expect(report.executions).toBe(18);
    expect(await remaining()).toEqual(runs.slice(-5).map((run) => run.id));
  });

  it('lets a workflow’s settings.retention replace the server retention, measure by measure', async () => {
    const short = await workflow({ retention: { days: 1 } });
    const forever = await workflow({ retention: { days: 0, count: 0 } });
    const counted = await workflow({ retention: { count: 2, delete_documents: true } });
    const plain = await workflow();

    const shortOld = await execution(short, 2 * DAY);
    const shortNew = await execution(short, 60_000);
    const foreverOld = await execution(forever, 400 * DAY);
    const countedRuns: { id: string }[] = [];
    for (let n = 0; n < 4; n++) countedRuns.push(await execution(counted, (10 - n) * 60_000, { document: true }));
    const plainOld = await execution(plain, 20 * DAY);
    const plainNew = await execution(plain, 3 * DAY);

    await pruner({ days: 14, count: 3 }).pruneOnce(NOW);

    const kept = await remaining();
    expect(kept).not.toContain(shortOld.id);
    expect(kept).toContain(shortNew.id);
    expect(kept).toContain(foreverOld.id);
    expect(kept).toContain(plainNew.id);
    expect(kept).not.toContain(plainOld.id);
    expect(kept.filter((id) => countedRuns.some((run) => run.id === id))).toEqual(countedRuns.slice(-2).map((run) => run.id));
    // That workflow removes the documents of the runs it removes.
    expect(await count('documents', 'workflow_id = ?', [counted])).toBe(2);
  });

  it('gives the space of what it removed back to the disk on SQLite (Postgres reuses it through autovacuum)', async () => {
    const wf = await workflow();
    for (let n = 0; n < 300; n++) await execution(wf, 20 * DAY + n, { blob: true, blobBytes: 20_000 });
    const file = db.database.describe();
    if (dialect === 'sqlite') await sql.all('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = dialect === 'sqlite' ? (await stat(file)).size : 0;

    const report = await pruner().pruneOnce(NOW);

    expect(report.executions).toBe(300);
    if (dialect === 'postgres') {
      expect(report.freedPages).toBe(0);
      return;
    }
    expect(report.freedPages).toBeGreaterThan(1_000);
    expect((await stat(file)).size).toBeLessThan(before - 4_000_000);
  });

  it('removes finished background-task jobs older than the server days, and no task that is queued or running', async () => {
    const task = async (ageMs: number, status: string) => {
      const id = newId(NOW - ageMs);
      await sql.run(
        `INSERT INTO jobs (id, kind, name, task_type, priority, status, attempts, max_retries, run_at, cancel_requested, created_at)
         VALUES (?, 'task', 'task', 'transform', 1, ?, 1, 0, ?, ?, ?)`,
        [id, status, NOW - ageMs, false, new Date(NOW - ageMs)],
      );
      return id;
    };
    const oldDone = [await task(20 * DAY, 'succeeded'), await task(20 * DAY, 'failed'), await task(15 * DAY, 'cancelled')];
    const kept = [await task(20 * DAY, 'queued'), await task(20 * DAY, 'running'), await task(2 * DAY, 'succeeded')];

    const report = await pruner({ days: 14, count: 10_000 }, 2).pruneOnce(NOW);

    expect(report.tasks).toBe(3);
    const left = (await sql.all<{ id: string }>('SELECT id FROM jobs ORDER BY id')).map((row) => row.id);
    expect(left.sort()).toEqual([...kept].sort());
    for (const id of oldDone) expect(left).not.toContain(id);
  });

  it('hands a blob a surviving re-run still reads to that re-run instead of removing it', async () => {
    const wf = await workflow();
    const original = await execution(wf, 20 * DAY, { blob: true });
    const rerun = await execution(wf, 60_000, { carriedBlob: original.blobId });

    await pruner().pruneOnce(NOW);

    expect(await remaining()).toEqual([rerun.id]);
    const blob = await sql.get<{ execution_id: string }>('SELECT execution_id FROM blobs WHERE id = ?', [original.blobId!]);
    expect(blob?.execution_id).toBe(rerun.id);
  });
});
