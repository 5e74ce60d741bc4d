import type { EventBus } from '@dwc/sdk';

/** Outputs larger than this (as JSON) are left out of events; clients fetch them from the API. */
const EVENT_OUTPUT_LIMIT = 16 * 1024;

/** Output for an event payload: itself when small, else a marker. */
export function eventOutput(output: unknown, jsonLength?: number): { output?: unknown; output_truncated?: true } {
  if (output === undefined) return {};
  const size = jsonLength ?? JSON.stringify(output)?.length ?? 0;
  return size <= EVENT_OUTPUT_LIMIT ? { output } : { output_truncated: true };
}

/** Emits `step.*` and `execution.*` lifecycle events with the ids every listener needs. */
export function executionEvents(events: EventBus, ids: { executionId: string; workflowId: string; version: number }) {
  const base = { execution_id: ids.executionId, workflow_id: ids.workflowId, version: ids.version };
  return {
    execution(type: 'started' | 'succeeded' | 'failed' | 'cancelled', extra: Record<string, unknown> = {}) {
      events.emit(`execution.${type}`, { ...base, status: type === 'started' ? 'running' : type, ...extra });
    },
    step(type: 'started' | 'succeeded' | 'failed' | 'skipped' | 'retrying' | 'cancelled' | 'progress', stepId: string, extra: Record<string, unknown> = {}) {
      events.emit(`step.${type}`, { ...base, step_id: stepId, ...extra });
    },
  };
}

export type ExecutionEvents = ReturnType<typeof executionEvents>;
