import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createJobStore, type JobStore } from './job-store.js';
import { unstoredJob } from './job-types.js';
import { createWorkerPool } from './worker-pool.js';

describe('worker pool fast lane', () => {
  let db: TestDatabase;
  let jobs: JobStore;

  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    await db.database.migrate();
    jobs = createJobStore(sqlClientOf(db.database));
  });
  afterAll(() => db.cleanup());

  it('reserves a slot only while running and not full, and runs a claimed job with its own handler', async () => {
    const ran: string[] = [];
    const pool = createWorkerPool({
      jobs,
      workerId: 'w-pool',
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
      handlers: { execution: async () => undefined, task: async (job) => void ran.push(`queue:${job.name}`) },
    });
    expect(pool.reserve()).toBe(false);
    pool.start();
    try {
      expect(pool.reserve()).toBe(true);
      expect(pool.reserve()).toBe(false);
      const job = await jobs.enqueueClaimed({ kind: 'task', name: 'direct', taskType: 'transform' }, { workerId: 'w-pool', leaseMs: 30_000 });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const result = pool.runClaimed(job, async (claimed, ctx) => {
        await gate;
        await jobs.finish(claimed.id, ctx.workerId, { status: 'succeeded' });
        return `ran ${claimed.name} as ${ctx.workerId}`;
      });
      expect(pool.activeCount()).toBe(1);
      expect(pool.reserve()).toBe(false);
      release();
      await expect(result).resolves.toBe('ran direct as w-pool');
      expect(await jobs.get(job.id)).toMatchObject({ status: 'succeeded' });
      expect(ran).toEqual([]);
      expect(pool.reserve()).toBe(true);
      pool.release();
      expect(pool.reserve()).toBe(true);
      await expect(pool.runClaimed(await jobs.enqueueClaimed({ kind: 'task', name: 'throws', taskType: 'transform' }, { workerId: 'w-pool', leaseMs: 30_000 }), async () => {
        throw new Error('boom');
      })).resolves.toBeUndefined();
      expect(pool.activeCount()).toBe(0);
      expect(pool.reserve()).toBe(true);
      pool.release();
    } finally {
      await pool.stop();
    }
    expect(pool.reserve()).toBe(false);
  });

  it('counts runs under way without a job row, which the queue stats cannot see', async () => {
    const pool = createWorkerPool({
      jobs,
      workerId: 'w-unstored',
      logger: createLogger({ level: 'silent' }),
      concurrency: 2,
      handlers: { execution: async () => undefined, task: async () => undefined },
    });
    pool.start();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      expect(pool.reserve()).toBe(true);
      const stored = await jobs.enqueueClaimed({ kind: 'task', name: 'stored', taskType: 'transform' }, { workerId: 'w-unstored', leaseMs: 30_000 });
      const storedRun = pool.runClaimed(stored, async (job, ctx) => {
        await held;
        await jobs.finish(job.id, ctx.workerId, { status: 'succeeded' });
      });
      expect(pool.reserve()).toBe(true);
      const unstoredRun = pool.runClaimed(unstoredJob({ id: 'unstored-1', kind: 'execution', name: 'inline', taskType: 'execution' }, 'w-unstored'), () => held);
      expect(pool.activeCount()).toBe(2);
      expect(pool.unstoredRunning()).toBe(1);
      release();
      await Promise.all([storedRun, unstoredRun]);
      expect(pool.unstoredRunning()).toBe(0);
    } finally {
      await pool.stop();
    }
  });

  it('runs waiting-lane jobs besides full worker slots, and a full worker lane still claims nothing more from the queue', async () => {
    const pool = createWorkerPool({
      jobs,
      workerId: 'w-lanes',
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
      waitingConcurrency: 2,
      pollMs: 20,
      handlers: { execution: async () => undefined, task: async (job, ctx) => void (await jobs.finish(job.id, ctx.workerId, { status: 'succeeded' })) },
    });
    pool.start();
    const gates = { worker: gate(), waiting: gate() };
    const hold = (lane: keyof typeof gates) => async (job: { id: string }, ctx: { workerId: string }) => {
      await gates[lane].promise;
      await jobs.finish(job.id, ctx.workerId, { status: 'succeeded' });
    };
    const claimed = (name: string) => jobs.enqueueClaimed({ kind: 'task', name, taskType: 'transform' }, { workerId: 'w-lanes', leaseMs: 30_000 });
    try {
      expect(pool.reserve('worker')).toBe(true);
      const slow = pool.runClaimed(await claimed('slow'), hold('worker'), 'worker');
      expect(pool.reserve('worker')).toBe(false);
      expect(pool.reserve('waiting')).toBe(true);
      expect(pool.reserve('waiting')).toBe(true);
      expect(pool.reserve('waiting')).toBe(false);
      const waiting = [pool.runClaimed(await claimed('w1'), hold('waiting'), 'waiting'), pool.runClaimed(await claimed('w2'), hold('waiting'), 'waiting')];
      expect(pool.activeCount()).toBe(3);

      const queuedId = await jobs.enqueue({ kind: 'task', name: 'queued', taskType: 'transform' });
      pool.wake();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await jobs.get(queuedId)).toMatchObject({ status: 'queued' });

      // The worker slot frees while both waiting-lane runs still go on: the queue is served.
      gates.worker.resolve();
      await slow;
      await expect.poll(async () => (await jobs.get(queuedId))?.status, { timeout: 2_000 }).toBe('succeeded');
      expect(pool.reserve('waiting')).toBe(false);
      gates.waiting.resolve();
      await Promise.all(waiting);
      expect(pool.reserve('waiting')).toBe(true);
      pool.release('waiting');
    } finally {
      gates.worker.resolve();
      gates.waiting.resolve();
      await pool.stop();
    }
  });
});

function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
