import type { DocumentDraft } from '@dwc/sdk';
import type { LocalClaim } from '../queue/job-types.js';
import type { ExecutionRow } from '../storage/entities/execution.js';
import type { ExecutionStepRow } from '../storage/entities/execution-step.js';

export type ExecutionStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const finishedExecutionStatuses: readonly ExecutionStatus[] = ['succeeded', 'failed', 'cancelled'];

/** What went wrong, as stored and returned by the API. */
export interface StoredError {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * An execution as the runtime sees it: its row (the entity) with the JSON columns and the status
 * typed. The row is the one truth; only the encodings that differ are restated here.
 */
export type ExecutionRecord = Omit<ExecutionRow, 'status' | 'input' | 'output' | 'error' | 'trigger'> & {
  status: ExecutionStatus;
  input: unknown;
  output: unknown;
  error: StoredError | null;
  trigger: unknown;
};

/**
 * One step (itemIndex -1) or one fan-out item (itemIndex >= 0) of an execution: its row, typed,
 * plus the size of a spilled output (read from `blobs`).
 */
export type StepRecord = Omit<ExecutionStepRow, 'status' | 'input' | 'output' | 'error'> & {
  status: StepStatus;
  input: unknown;
  /** The output, or undefined when it is stored as a blob (`outputBlobId`). */
  output: unknown;
  outputSizeBytes: number | null;
  error: StoredError | null;
};

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
  /** The job of a run this worker starts at once: written already claimed (JobStore.enqueueClaimed), or not written (`unstoredJob`). */
  claim?: LocalClaim;
}

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  output?: unknown;
  error?: StoredError;
  documents?: readonly DocumentDraft[];
}
