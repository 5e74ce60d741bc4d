import type { EventBus } from '@dwc/sdk';
import { addFields } from './add-fields.js';

/** Outputs larger than this (as JSON) are left out of events; clients fetch them from the API. */
const EVENT_OUTPUT_LIMIT = 16 * 1024;

/** Output for an event payload: itself when small, else a marker. */
export function eventOutput(output: unknown, jsonLength?: number): { output?: unknown; output_truncated?: true } {
  if (output === undefined) return {};
  const size = jsonLength ?? JSON.stringify(output)?.length ?? 0;
  return size <= EVENT_OUTPUT_LIMIT ? { output } : { output_truncated: true };
}

/** Emits `step.*` and `execution.*` lifecycle events with the ids every listener needs (payloads built with `addFields`). */
export function executionEvents(events: EventBus, ids: { executionId: string; workflowId: string; version: number }) {
  return {
    execution(type: 'started' | 'waiting' | 'resumed' | 'succeeded' | 'failed' | 'cancelled', extra?: Record<string, unknown>) {
      const payload = { execution_id: ids.executionId, workflow_id: ids.workflowId, version: ids.version, status: type === 'started' || type === 'resumed' ? 'running' : type };
      events.emit(`execution.${type}`, extra ? addFields(payload, extra) : payload);
    },
    step(type: 'started' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'retrying' | 'cancelled' | 'progress', stepId: string, extra?: Record<string, unknown>) {
      const payload = { execution_id: ids.executionId, workflow_id: ids.workflowId, version: ids.version, step_id: stepId };
      events.emit(`step.${type}`, extra ? addFields(payload, extra) : payload);
    },
    /** A document a step produced was committed (`document.created`; event triggers follow it). */
    documentCreated(documentId: string, stepId: string) {
      events.emit('document.created', { document_id: documentId, execution_id: ids.executionId, workflow_id: ids.workflowId, step_id: stepId });
    },
  };
}

export type ExecutionEvents = ReturnType<typeof executionEvents>;
