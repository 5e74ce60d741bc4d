import { EntitySchema } from '../typeorm.js';

/**
 * One row of `execution_stats_hourly`: what ended in one UTC hour for one workflow (`workflow_id`
 * '' holds AI calls made outside any workflow). Executions count in the hour they finished in;
 * `duration_buckets` is the mergeable duration sketch of analytics/duration-buckets.ts as JSON
 * `[[digits, head, count], ...]`, so quantiles over any set of hours add the buckets up.
 */
export interface ExecutionStatsHourlyRow {
  hourStart: number;
  workflowId: string;
  succeeded: number;
  failed: number;
  cancelled: number;
  durationCount: number;
  durationSumMs: number;
  durationBuckets: string;
  aiCalls: number;
  aiTokens: number;
  aiCostUsd: number;
}

export const executionStatsHourlyEntity = new EntitySchema<ExecutionStatsHourlyRow>({
  name: 'executionStatsHourly',
  tableName: 'execution_stats_hourly',
  columns: {
    hourStart: { name: 'hour_start', type: 'bigint', primary: true },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, primary: true },
    succeeded: { name: 'succeeded', type: 'integer' },
    failed: { name: 'failed', type: 'integer' },
    cancelled: { name: 'cancelled', type: 'integer' },
    durationCount: { name: 'duration_count', type: 'integer' },
    durationSumMs: { name: 'duration_sum_ms', type: 'bigint' },
    durationBuckets: { name: 'duration_buckets', type: 'text' },
    aiCalls: { name: 'ai_calls', type: 'integer' },
    aiTokens: { name: 'ai_tokens', type: 'bigint' },
    aiCostUsd: { name: 'ai_cost_usd', type: 'double precision' },
  },
});

/**
 * One row of `step_stats_hourly`: one step of one workflow version in one UTC hour. `runs` and
 * `failed` count the step's outcomes (succeeded or failed, the step as a whole) in executions that
 * finished in the hour; the AI columns the calls the step made in the hour (version 0 when the
 * call's execution is gone; workflow and step '' for calls made outside a workflow step).
 */
export interface StepStatsHourlyRow {
  hourStart: number;
  workflowId: string;
  version: number;
  stepId: string;
  runs: number;
  failed: number;
  aiTokens: number;
  aiCostUsd: number;
}

export const stepStatsHourlyEntity = new EntitySchema<StepStatsHourlyRow>({
  name: 'stepStatsHourly',
  tableName: 'step_stats_hourly',
  columns: {
    hourStart: { name: 'hour_start', type: 'bigint', primary: true },
    workflowId: { name: 'workflow_id', type: 'varchar', length: 26, primary: true },
    version: { name: 'version', type: 'integer', primary: true },
    stepId: { name: 'step_id', type: 'varchar', length: 64, primary: true },
    runs: { name: 'runs', type: 'integer' },
    failed: { name: 'failed', type: 'integer' },
    aiTokens: { name: 'ai_tokens', type: 'bigint' },
    aiCostUsd: { name: 'ai_cost_usd', type: 'double precision' },
  },
});

/** One row of `rollup_progress`: the time up to which a rollup has taken in its source rows (its high-water mark, epoch ms). */
export interface RollupProgressRow {
  name: string;
  rolledUntil: number;
}

export const rollupProgressEntity = new EntitySchema<RollupProgressRow>({
  name: 'rollupProgress',
  tableName: 'rollup_progress',
  columns: {
    name: { name: 'name', type: 'varchar', length: 50, primary: true },
    rolledUntil: { name: 'rolled_until', type: 'bigint' },
  },
});
