import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobStore, type JobStore } from '../queue/job-store.js';
import { newId } from '../storage/new-id.js';
import { sqlClientOf, type SqlClient } from '../storage/sql-client.js';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createWaitStore, NEVER, parkUntil, type WaitStore } from './wait-store.js';

describe.each(['sqlite', 'postgres'] as const)('wake-up rows of waiting steps on %s', (dialect) => {
  let db: TestDatabase;
  let sql: SqlClient;
  let jobs: JobStore;
  let waits: WaitStore;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    sql = sqlClientOf(db.database);
    jobs = createJobStore(sql);
    waits = createWaitStore(sql);
  });
  afterAll(() => db.cleanup());

  /** An execution whose job `worker` holds, with a wait on step `ok`. */
  async function running(worker: string, wakeAt: number | null) {
    const id = newId();
    await sql.run(`INSERT INTO executions (id, workflow_id, version, status, input, cancel_requested, created_at) VALUES (?, 'wf', 1, 'running', ?, ?, ?)`, [id, {}, false, new Date()]);
    await jobs.enqueueClaimed({ id, kind: 'execution', name: id, taskType: 'workflow.execution' }, { workerId: worker, leaseMs: 30_000 });
    await waits.open({ executionId: id, stepId: 'ok', kind: 'approval', wakeAt, eventType: null, match: null, approvers: ['owner'], message: 'Go?' });
    return id;
  }

  it('parks the execution: waiting, its job queued at the deadline, no worker holding it', async () => {
    const deadline = Date.now() + 3_600_000;
    const id = await running('w1', deadline);
    expect(await waits.park(id, 'w1', ['ok'])).toEqual({ parked: true, runAt: deadline });
    const job = await jobs.get(id);
    expect(job).toMatchObject({ status: 'queued', lockedBy: null });
    expect(job!.runAt.getTime()).toBe(deadline);
    expect((await sql.get<{ status: string }>('SELECT status FROM executions WHERE id = ?', [id]))!.status).toBe('waiting');
    expect(await jobs.claim('w2', 10, 30_000)).toEqual([]);
  });

  it('a decision on a parked execution makes its job due now, once: the second resolution loses', async () => {
    const id = await running('w1', null);
    await waits.park(id, 'w1', ['ok']);
    expect((await jobs.get(id))!.runAt.getTime()).toBe(NEVER);
    expect(await waits.resolve(id, 'ok', { decision: 'approved' })).toBe(true);
    expect(await waits.resolve(id, 'ok', { decision: 'rejected' })).toBe(false);
    expect((await waits.get(id, 'ok'))!.outcome).toEqual({ decision: 'approved' });
    const claimed = await jobs.claim('w2', 10, 30_000);
    expect(claimed.map((j) => j.id)).toEqual([id]);
    expect(await jobs.claim('w3', 10, 30_000)).toEqual([]);
  });

  it('a decision made while the run was still going is not lost when the run parks', async () => {
    const id = await running('w1', null);
    // The job is running, so the decision's job update finds nothing to move ...
    expect(await waits.resolve(id, 'ok', { decision: 'approved' })).toBe(true);
    // ... and parking sees the resolved wait and queues the job due now.
    const parked = await waits.park(id, 'w1', ['ok']);
    expect(parked.parked).toBe(true);
    expect(parked.runAt).toBeLessThanOrEqual(Date.now());
    expect((await jobs.claim('w2', 10, 30_000)).map((j) => j.id)).toEqual([id]);
  });

  it('parks a run held without a job row (SQLite, a run started at once) by queueing its job at the deadline', async () => {
    const deadline = Date.now() + 60_000;
    const id = newId();
    await sql.run(`INSERT INTO executions (id, workflow_id, version, status, input, cancel_requested, created_at) VALUES (?, 'wf', 1, 'running', ?, ?, ?)`, [id, {}, false, new Date()]);
    await waits.open({ executionId: id, stepId: 'ok', kind: 'approval', wakeAt: deadline, eventType: null, match: null, approvers: ['owner'], message: 'Go?' });
    expect(await waits.park(id, 'w1', ['ok'], false)).toEqual({ parked: true, runAt: deadline });
    expect(await jobs.get(id)).toMatchObject({ kind: 'execution', status: 'queued', lockedBy: null, payload: { execution_id: id } });
    expect((await jobs.get(id))!.runAt.getTime()).toBe(deadline);
    expect((await sql.get<{ status: string }>('SELECT status FROM executions WHERE id = ?', [id]))!.status).toBe('waiting');
  });

  it('does not park a job another worker took over', async () => {
    const id = await running('w1', null);
    expect(await waits.park(id, 'someone-else', ['ok'])).toEqual({ parked: false, runAt: NEVER });
    expect((await sql.get<{ status: string }>('SELECT status FROM executions WHERE id = ?', [id]))!.status).toBe('running');
    expect((await jobs.get(id))!.lockedBy).toBe('w1');
  });

  it('runs again at the earliest deadline, now if a wait is already resolved, never without either', () => {
    expect(parkUntil([{ status: 'waiting', wakeAt: 500 }, { status: 'waiting', wakeAt: 300 }], 100)).toBe(300);
    expect(parkUntil([{ status: 'waiting', wakeAt: 500 }, { status: 'resolved', wakeAt: null }], 100)).toBe(100);
    expect(parkUntil([{ status: 'waiting', wakeAt: null }], 100)).toBe(NEVER);
  });
});
