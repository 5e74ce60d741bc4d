import type { DocumentDraft } from '@dwc/sdk';
import type { JobClaim } from '../queue/job-types.js';

export type ExecutionStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const finishedExecutionStatuses: readonly ExecutionStatus[] = ['succeeded', 'failed', 'cancelled'];

/** What went wrong, as stored and returned by the API. */
export interface StoredError {
  code: string;
  message: string;
  details?: unknown;
}

export interface ExecutionRecord {
  id: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  input: unknown;
  output: unknown;
  error: StoredError | null;
  trigger: unknown;
  parentExecutionId: string | null;
  parentStepId: string | null;
  rerunOf: string | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** One step (itemIndex -1) or one fan-out item (itemIndex >= 0) of an execution. */
export interface StepRecord {
  executionId: string;
  stepId: string;
  itemIndex: number;
  status: StepStatus;
  attempts: number;
  input: unknown;
  /** The output, or undefined when it is stored as a blob (`outputBlobId`). */
  output: unknown;
  outputBlobId: string | null;
  outputSizeBytes: number | null;
  error: StoredError | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewExecution {
  workflowId: string;
  version: number;
  input: unknown;
  trigger?: unknown;
  parentExecutionId?: string;
  parentStepId?: string;
  rerunOf?: string;
  priority?: 'low' | 'normal' | 'high' | 'critical';
  /** False for a child execution its parent runs inline: no queue job is written. */
  enqueue?: boolean;
  /** Step results carried over (re-run from a step reuses the outputs before it). */
  carriedSteps?: readonly StepRecord[];
  /** Write the job already claimed by this worker, which runs it at once (see JobStore.enqueueClaimed). */
  claim?: JobClaim;
}

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  output?: unknown;
  error?: StoredError;
  documents?: readonly DocumentDraft[];
}
