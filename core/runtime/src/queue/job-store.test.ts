import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { createJobStore, type JobStore } from './job-store.js';

describe.each(['sqlite', 'postgres'] as const)('job store on %s', (dialect) => {
  let db: TestDatabase;
  let jobs: JobStore;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    jobs = createJobStore(sqlClientOf(db.database));
  });
  afterAll(() => db.cleanup());

  const task = (name: string, extra: object = {}) => ({ kind: 'task' as const, name, taskType: 'transform', ...extra });

  it('claims due jobs highest priority first and never the same job twice', async () => {
    await jobs.enqueueMany([task('low', { priority: 'low' }), task('critical', { priority: 'critical' }), task('normal')]);
    const first = await jobs.claim('w1', 2, 30_000);
    expect(first.map((j) => j.name)).toEqual(['critical', 'normal']);
    expect(first.every((j) => j.status === 'running' && j.lockedBy === 'w1' && j.attempts === 1)).toBe(true);
    const second = await jobs.claim('w2', 5, 30_000);
    expect(second.map((j) => j.name)).toEqual(['low']);
    await expect(jobs.claim('w3', 5, 30_000)).resolves.toEqual([]);
    for (const job of [...first, ...second]) await jobs.finish(job.id, job.lockedBy!, { status: 'succeeded' });
  });

  it('does not claim a delayed job before its time', async () => {
    const id = await jobs.enqueue(task('later', { runAt: Date.now() + 60_000 }));
    await expect(jobs.claim('w1', 10, 30_000)).resolves.toEqual([]);
    expect(await jobs.nextRunAt()).toBeGreaterThan(Date.now());
    await jobs.cancel([id]);
  });

  it('lets another worker take over a job whose lease expired, and refuses the old worker its finish', async () => {
    const id = await jobs.enqueue(task('leased'));
    const [claimed] = await jobs.claim('dead-worker', 1, 1);
    expect(claimed?.id).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [takenOver] = await jobs.claim('live-worker', 1, 30_000);
    expect(takenOver).toMatchObject({ id, lockedBy: 'live-worker', attempts: 2 });
    await expect(jobs.finish(id, 'dead-worker', { status: 'succeeded' })).resolves.toBe(false);
    await expect(jobs.finish(id, 'live-worker', { status: 'succeeded', result: { ok: 1 } })).resolves.toBe(true);
    expect(await jobs.get(id)).toMatchObject({ status: 'succeeded', result: { ok: 1 }, lockedBy: 'live-worker', lockedUntil: null });
  });

  it('inserts a job already claimed, exactly as a claim would have left it, and lets others take it over once its lease lapses', async () => {
    const claimed = await jobs.enqueueClaimed(task('fast lane', { priority: 'high', maxRetries: 1 }), { workerId: 'w-fast', leaseMs: 1 });
    expect(await jobs.get(claimed.id)).toEqual(claimed);
    expect(claimed).toMatchObject({ status: 'running', lockedBy: 'w-fast', attempts: 1, priority: 'high', maxRetries: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [takenOver] = await jobs.claim('w-other', 5, 30_000);
    expect(takenOver).toMatchObject({ id: claimed.id, lockedBy: 'w-other', attempts: 2 });
    await expect(jobs.finish(claimed.id, 'w-fast', { status: 'succeeded' })).resolves.toBe(false);
    await jobs.finish(claimed.id, 'w-other', { status: 'succeeded' });
  });

  it('renews the lease only of jobs the worker still holds', async () => {
    const id = await jobs.enqueue(task('renewed'));
    await jobs.claim('w1', 1, 50);
    await expect(jobs.renew('w1', [id], 60_000)).resolves.toBe(1);
    await expect(jobs.renew('w2', [id], 60_000)).resolves.toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await expect(jobs.claim('w2', 1, 1_000)).resolves.toEqual([]);
    await jobs.finish(id, 'w1', { status: 'succeeded' });
  });

  it('puts a job back for a later retry', async () => {
    const id = await jobs.enqueue(task('retried', { maxRetries: 2 }));
    await jobs.claim('w1', 1, 30_000);
    await expect(jobs.retryLater(id, 'w1', Date.now() + 60_000, { code: 'boom', message: 'failed once' })).resolves.toBe(true);
    expect(await jobs.get(id)).toMatchObject({ status: 'queued', error: { code: 'boom' }, attempts: 1 });
    await jobs.cancel([id]);
  });

  it('cancels queued jobs at once and flags running ones', async () => {
    const [queued, running] = await jobs.enqueueMany([task('to-cancel'), task('running-to-cancel', { priority: 'critical' })]);
    await jobs.claim('w1', 1, 30_000);
    const result = await jobs.cancel([queued!, running!, 'no-such-id']);
    expect(result).toEqual({ cancelled: [queued], requested: [running] });
    await expect(jobs.isCancelRequested(running!)).resolves.toBe(true);
    await jobs.finish(running!, 'w1', { status: 'cancelled' });
  });

  it('reports counts and mean wait and run times', async () => {
    const stats = await jobs.stats('task');
    expect(stats.succeeded).toBeGreaterThanOrEqual(4);
    expect(stats.cancelled).toBeGreaterThanOrEqual(3);
    expect(stats.running).toBe(0);
    expect(stats.meanRunMs).toBeGreaterThanOrEqual(0);
    expect(stats.meanWaitMs).toBeGreaterThanOrEqual(0);
  });

  it('lists newest first with cursor pagination', async () => {
    const page1 = await jobs.list({ kind: 'task', limit: 3 });
    const page2 = await jobs.list({ kind: 'task', limit: 3, before: page1.at(-1)!.id });
    expect(page1).toHaveLength(3);
    expect(page2[0]!.id < page1.at(-1)!.id).toBe(true);
  });
});
