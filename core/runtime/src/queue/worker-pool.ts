import type { Logger } from 'pino';
import type { JobStore } from './job-store.js';
import { isLeased, type JobKind, type JobRecord } from './job-types.js';

export interface JobContext {
  workerId: string;
  /** Aborted when the job is cancelled, its lease is lost, or the pool stops. */
  signal: AbortSignal;
  /** Aborts `signal`, for a handler that stops its own job (a cancelled execution). */
  abort(reason: unknown): void;
  log: Logger;
}

/**
 * Runs one claimed job. It must end the job itself (finish or retryLater with `workerId`), since
 * only the handler knows what else to commit in the same transaction.
 */
export type JobHandler = (job: JobRecord, ctx: JobContext) => Promise<void>;

export interface WorkerPoolOptions {
  jobs: JobStore;
  handlers: Record<JobKind, JobHandler>;
  workerId: string;
  logger: Logger;
  concurrency: number;
  /**
   * Runs a request that waits for the result may start on its own request, besides the
   * `concurrency` slots (see `reserve`): the waiting connection is the run's slot. 0 by default.
   */
  waitingConcurrency?: number;
  /** How long a claim holds a job without renewal (renewed every third of it); a dead worker's jobs return after this. */
  leaseMs?: number;
  /** Longest sleep between looks at the queue when nothing wakes the pool. */
  pollMs?: number;
  /** Told each time a job starts running here (metrics: queue wait). */
  onJobStarted?: (job: JobRecord) => void;
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;

/**
 * Where a job runs: `worker` slots (`concurrency`) serve the queue and runs started without a
 * caller waiting; the `waiting` lane (`waitingConcurrency`) serves runs whose caller holds a
 * connection open for the result, so they never queue behind slow background runs.
 */
export type PoolLane = 'worker' | 'waiting';

/**
 * Claims jobs up to `concurrency`, runs them, renews their leases, and passes cancellation on.
 * `wake()` makes it look at the queue at once (after an enqueue, or a notification from another
 * process); otherwise it looks every `pollMs` and when a delayed job falls due.
 */
export function createWorkerPool(options: WorkerPoolOptions) {
  const leaseMs = options.leaseMs ?? 6_000;
  const pollMs = options.pollMs ?? 1_000;
  const waitingConcurrency = options.waitingConcurrency ?? 0;
  const active = new Map<string, { controller: AbortController; done: Promise<void>; lane: PoolLane; leased: boolean }>();
  /** Slots promised to jobs this process is inserting already claimed (see `reserve`). */
  const reserved: Record<PoolLane, number> = { worker: 0, waiting: 0 };
  const busy: Record<PoolLane, number> = { worker: 0, waiting: 0 };
  const capacity: Record<PoolLane, number> = { worker: options.concurrency, waiting: waitingConcurrency };
  /** Worker slots neither running a job nor promised to one. */
  const freeWorkerSlots = () => options.concurrency - busy.worker - reserved.worker;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  /** The renewal under way; a slow one is not overlapped by the next tick. */
  let renewing: Promise<void> | undefined;
  let woken = false;

  // Wake-ups within one turn of the event loop (a burst of enqueues) lead to one claim.
  let wakeScheduled = false;
  const wake = () => {
    if (wakeScheduled) return;
    wakeScheduled = true;
    setImmediate(() => {
      wakeScheduled = false;
      woken = true;
      wakeUp?.();
    });
  };

  function sleep(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  function runJob<T>(job: JobRecord, lane: PoolLane, handler: (job: JobRecord, ctx: JobContext) => Promise<T> = options.handlers[job.kind] as never): Promise<T | undefined> {
    const controller = new AbortController();
    busy[lane]++;
    const ctx = jobContext(options.logger, job, options.workerId, controller);
    options.onJobStarted?.(job);
    const result = (async () => {
      try {
        return await handler(job, ctx);
      } catch (error) {
        ctx.log.error({ err: error }, 'job handler threw; the job returns to the queue when its lease ends');
        return undefined;
      } finally {
        active.delete(job.id);
        busy[lane]--;
        // Only full worker slots left due jobs unclaimed; otherwise the queue had nothing more to give.
        if (lane === 'worker' && freeWorkerSlots() === 1) wake();
      }
    })();
    active.set(job.id, { controller, done: result.then(() => undefined), lane, leased: isLeased(job) });
    return result;
  }

  async function renewLeases(): Promise<void> {
    const ids: string[] = [];
    for (const [id, entry] of active) if (entry.leased) ids.push(id);
    if (ids.length === 0) return;
    try {
      const held = await options.jobs.renew(options.workerId, ids, leaseMs);
      const cancelled = await options.jobs.cancelRequestedAmong(ids);
      for (const id of cancelled) active.get(id)?.controller.abort(new Error('cancelled'));
      if (held < ids.length) {
        for (const id of ids) {
          const job = await options.jobs.get(id);
          if (job?.lockedBy !== options.workerId) active.get(id)?.controller.abort(new Error('lease lost to another worker'));
        }
      }
    } catch (error) {
      options.logger.warn({ err: error }, 'renewing job leases failed; will retry');
    }
  }

  async function run(): Promise<void> {
    while (running) {
      const free = freeWorkerSlots();
      let claimed: JobRecord[] = [];
      if (free > 0) {
        try {
          claimed = await options.jobs.claim(options.workerId, free, leaseMs);
        } catch (error) {
          options.logger.error({ err: error }, 'claiming jobs failed; retrying');
        }
        for (const job of claimed) runJob(job, 'worker');
      }
      if (!running) break;
      if (free > 0 && claimed.length === free) continue;
      let wait = pollMs;
      // Nothing was due: sleep until the next delayed job falls due (or a wake-up, or pollMs).
      if (claimed.length === 0 && freeWorkerSlots() > 0) {
        const next = await options.jobs.nextRunAt().catch(() => null);
        if (next !== null) wait = Math.max(0, Math.min(wait, next - Date.now()));
      }
      await sleep(wait);
    }
  }

  return {
    workerId: options.workerId,
    wake,
    /** Runs this process has under way without a job row (an `unstoredJob`), which queue stats cannot see. */
    unstoredRunning(): number {
      let count = 0;
      for (const entry of active.values()) if (!entry.leased) count++;
      return count;
    },
    start(): void {
      if (running) return;
      running = true;
      renewTimer = setInterval(() => {
        renewing ??= renewLeases().finally(() => (renewing = undefined));
      }, Math.max(50, Math.floor(leaseMs / 3)));
      renewTimer.unref();
      loop = run();
    },
    /** Stops claiming; waits up to `timeoutMs` for running jobs, then aborts them (their leases lapse). */
    async stop(timeoutMs = 10_000): Promise<void> {
      if (!running) return;
      running = false;
      wake();
      await loop;
      const all = Promise.all([...active.values()].map((entry) => entry.done));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
      clearTimeout(timer);
      if (timedOut) {
        for (const entry of active.values()) entry.controller.abort(new Error('worker stopping'));
        await all;
      }
      clearInterval(renewTimer);
    },
    activeCount: () => active.size,
    /**
     * Promises a slot of `lane` to a job this process is about to insert already claimed by
     * `workerId`, so it runs at once without a claim round trip. False when the pool is stopped or
     * the lane full; then try another lane or queue the job normally. Follow with `runClaimed`, or
     * `release` if the insert failed.
     */
    reserve(lane: PoolLane = 'worker'): boolean {
      if (!running || busy[lane] + reserved[lane] >= capacity[lane]) return false;
      reserved[lane]++;
      return true;
    },
    release(lane: PoolLane = 'worker'): void {
      reserved[lane]--;
    },
    /**
     * Runs a job inserted claimed (or an `unstoredJob`) after `reserve(lane)`; resolves with what
     * `handler` returned (undefined if it threw).
     */
    runClaimed<T>(job: JobRecord, handler: (job: JobRecord, ctx: JobContext) => Promise<T>, lane: PoolLane = 'worker'): Promise<T | undefined> {
      reserved[lane]--;
      return runJob(job, lane, handler);
    },
  };
}

/** A job's context; its child logger is made on first use, since most jobs never log. */
function jobContext(logger: Logger, job: JobRecord, workerId: string, controller: AbortController): JobContext {
  let log: Logger | undefined;
  return {
    workerId,
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    get log() {
      return (log ??= logger.child({ job_id: job.id, job_kind: job.kind }));
    },
  };
}
