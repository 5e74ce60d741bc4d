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
