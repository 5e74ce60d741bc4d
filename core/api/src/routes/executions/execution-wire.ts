import type { ExecutionRecord, StepRecord } from '@dwc/runtime';
import { z } from 'zod';

const json = z.unknown();
const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable();

export const stepSchema = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled']),
    attempts: z.number().int(),
    input: json,
    output: json.meta({ description: 'Null when the output is large: fetch `output_url` instead' }),
    output_size_bytes: z.number().int().nullable(),
    output_url: z.string().nullable(),
    error: errorSchema,
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'ExecutionStep' });

export const executionSchema = z
  .object({
    id: z.string(),
    workflow_id: z.string(),
    version: z.number().int(),
    status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']),
    input: json,
    output: json,
    error: errorSchema,
    trigger: json,
    parent_execution_id: z.string().nullable(),
    rerun_of: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    steps: z.array(stepSchema).optional().meta({ description: 'The first page of steps (see `steps_limit`); page on with the steps route' }),
  })
  .meta({ id: 'Execution' });

export type ExecutionWire = z.input<typeof executionSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toStepWire(step: StepRecord): z.input<typeof stepSchema> {
  const large = step.outputBlobId !== null;
  return {
    id: step.itemIndex >= 0 ? `${step.stepId}[${step.itemIndex}]` : step.stepId,
    status: step.status,
    attempts: step.attempts,
    input: step.input,
    output: large ? null : (step.output ?? null),
    output_size_bytes: step.outputSizeBytes,
    output_url: large
      ? `/api/v3/workflows/executions/${step.executionId}/steps/${encodeURIComponent(step.stepId)}/output${step.itemIndex >= 0 ? `?item=${step.itemIndex}` : ''}`
      : null,
    error: step.error,
    started_at: iso(step.startedAt),
    finished_at: iso(step.finishedAt),
  };
}

export function toExecutionWire(execution: ExecutionRecord, steps?: StepRecord[]): ExecutionWire {
  return {
    id: execution.id,
    workflow_id: execution.workflowId,
    version: execution.version,
    status: execution.status,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    trigger: execution.trigger,
    parent_execution_id: execution.parentExecutionId,
    rerun_of: execution.rerunOf,
    created_at: execution.createdAt.toISOString(),
    started_at: iso(execution.startedAt),
    finished_at: iso(execution.finishedAt),
    ...(steps ? { steps: steps.map(toStepWire) } : {}),
  };
}
