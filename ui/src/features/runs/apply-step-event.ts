import type { LiveEvent } from '../../lib/live-events';
import type { Execution, StepRun } from './runs-api';

const STATUS: Record<string, string> = {
  'step.started': 'running',
  'step.retrying': 'running',
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
};

/** The execution with one `step.*` event applied, so the run view lights up without a refetch. */
export function applyStepEvent(execution: Execution, event: LiveEvent): Execution {
  const status = STATUS[event.type];
  const stepId = event.step_id;
  if (!status || typeof stepId !== 'string') return execution;
  const now = event.timestamp ?? new Date().toISOString();
  const steps = [...(execution.steps ?? [])];
  const index = steps.findIndex((s) => s.id === stepId);
  const old: StepRun = index >= 0 ? steps[index]! : { id: stepId, status: 'pending', attempts: 0, input: null, output: null, output_size_bytes: null, output_url: null, error: null, started_at: null, finished_at: null };
  const next: StepRun = { ...old, status };
  if (event.type === 'step.started') next.started_at ??= now;
  if (event.type === 'step.started' || event.type === 'step.retrying') next.attempts = Math.max(old.attempts, 1) + (event.type === 'step.retrying' ? 1 : 0);
  if (status !== 'running') next.finished_at = now;
  if ('output' in event) next.output = event.output;
  if (event.error && typeof event.error === 'object') next.error = event.error as StepRun['error'];
  if (index >= 0) steps[index] = next;
  else steps.push(next);
  return { ...execution, status: execution.status === 'queued' ? 'running' : execution.status, steps };
}
