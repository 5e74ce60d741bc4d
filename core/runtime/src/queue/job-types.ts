import { z } from 'zod';

export const jobPrioritySchema = z.enum(['low', 'normal', 'high', 'critical']);
export type JobPriority = z.infer<typeof jobPrioritySchema>;

/** Stored as a number so the claim query orders by it. */
export const priorityRank: Record<JobPriority, number> = { low: 0, normal: 1, high: 2, critical: 3 };
export const priorityName = (rank: number): JobPriority => jobPrioritySchema.options[rank] ?? 'normal';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
/** `execution` jobs run a workflow execution; `task` jobs run a background task. */
export type JobKind = 'execution' | 'task';

export interface JobRecord {
  id: string;
  kind: JobKind;
  name: string;
  taskType: string;
  priority: JobPriority;
  status: JobStatus;
  payload: unknown;
  result: unknown;
  error: { code: string; message: string } | null;
  /** Claims so far (a claim after a lost lease counts too). */
  attempts: number;
  maxRetries: number;
  timeoutMs: number | null;
  runAt: Date;
  /** The worker holding the job while it runs; after it ended, the worker that ran it last. */
  lockedBy: string | null;
  lockedUntil: Date | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewJob {
  /** Defaults to a new id; an execution's job uses the execution id. */
  id?: string;
  kind: JobKind;
  name: string;
  taskType: string;
  priority?: JobPriority;
  payload?: unknown;
  /** Not before this time (epoch ms); default now. */
  runAt?: number;
  timeoutMs?: number | null;
  maxRetries?: number;
}

/** Who holds a job inserted already claimed, and for how long without renewal. */
export interface JobClaim {
  workerId: string;
  leaseMs: number;
}

/**
 * A job this process runs at once, skipping the queue's claim: written already claimed under a
 * lease, which another process takes over should this one die (Postgres, where processes share
 * the queue), or not written at all (`unstoredJob`: SQLite, where one process owns the file).
 */
export type LocalClaim = ({ lease: true } & JobClaim) | { lease: false; workerId: string };

/**
 * A job held by `workerId` without a row or a lease, for a run its process starts at once when one
 * process owns the database (SQLite): should the process die, the next start finds the unfinished
 * execution and queues it again (`ExecutionStore.queueUnfinished`), so the run needs no job row.
 */
export function unstoredJob(job: NewJob & { id: string }, workerId: string): JobRecord {
  const now = new Date();
  return {
    id: job.id, kind: job.kind, name: job.name, taskType: job.taskType, priority: job.priority ?? 'normal', status: 'running',
    payload: job.payload ?? null, result: null, error: null, attempts: 1, maxRetries: job.maxRetries ?? 0, timeoutMs: job.timeoutMs ?? null,
    runAt: now, lockedBy: workerId, lockedUntil: null, cancelRequested: false, createdAt: now, startedAt: now, finishedAt: null,
  };
}

/** Whether a running job has a row held under a lease (renewed while it runs), unlike an `unstoredJob`. */
export const isLeased = (job: JobRecord): boolean => job.lockedUntil !== null;

export interface JobStats {
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Over the last 1,000 finished jobs. */
  meanWaitMs: number | null;
  meanRunMs: number | null;
}
