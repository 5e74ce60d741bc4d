import { describe, expect, it } from 'vitest';
import { applyStepEvent } from './apply-step-event';
import type { Execution } from './runs-api';

const queued: Execution = { id: 'ex', workflow_id: 'wf', version: 1, status: 'queued', input: {}, output: null, error: null, created_at: '2026-01-01T00:00:00Z', started_at: null, finished_at: null, steps: [] };

describe('step events light the run up', () => {
  it('marks a step running, then succeeded with its output', () => {
    const started = applyStepEvent(queued, { type: 'step.started', execution_id: 'ex', step_id: 'a', timestamp: '2026-01-01T00:00:01Z' });
    expect(started.status).toBe('running');
    expect(started.steps![0]).toMatchObject({ id: 'a', status: 'running', attempts: 1, started_at: '2026-01-01T00:00:01Z' });
    const done = applyStepEvent(started, { type: 'step.succeeded', execution_id: 'ex', step_id: 'a', output: { text: 'hi' }, timestamp: '2026-01-01T00:00:02Z' });
    expect(done.steps![0]).toMatchObject({ status: 'succeeded', output: { text: 'hi' }, finished_at: '2026-01-01T00:00:02Z' });
  });

  it('counts a retry as another attempt', () => {
    const started = applyStepEvent(queued, { type: 'step.started', step_id: 'a' });
    expect(applyStepEvent(started, { type: 'step.retrying', step_id: 'a' }).steps![0]!.attempts).toBe(2);
  });

  it('leaves the execution alone for events it does not know', () => {
    expect(applyStepEvent(queued, { type: 'step.progress', step_id: 'a' })).toBe(queued);
  });
});
