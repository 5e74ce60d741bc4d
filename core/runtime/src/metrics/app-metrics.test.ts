import type { MetricFamily } from '@dwc/sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../events/event-bus.js';
import { registerAppMetrics } from './app-metrics.js';
import { createMetricRegistry } from './metric-registry.js';

const samples = (snapshot: MetricFamily[], name: string) =>
  snapshot.find((f) => f.name === name)!.samples.map((s) => ({ labels: s.labels, value: s.value, ...(s.histogram ? { sum: s.histogram.sum } : {}) }));

function setup(names: Record<string, string> = { w1: 'Daily digest', w2: 'Publish' }) {
  const events = createEventBus(pino({ level: 'silent' }));
  const registry = createMetricRegistry({ maxSeries: 100 });
  let remote = false;
  const app = registerAppMetrics(registry, { events, isRemote: () => remote, workflowName: async (id) => names[id] });
  const run = (execution: string, workflow: string, status: 'succeeded' | 'failed' | 'cancelled', steps: [string, string, string, number?][] = []) => {
    const ids = { execution_id: execution, workflow_id: workflow, version: 1 };
    events.emit('execution.started', { ...ids, status: 'running' });
    for (const [step, action, stepStatus, durationMs] of steps) {
      events.emit('step.started', { ...ids, step_id: step, attempt: 1 });
      events.emit(`step.${stepStatus}`, { ...ids, step_id: step, action, ...(durationMs === undefined ? {} : { duration_ms: durationMs }) });
    }
    events.emit(`execution.${status}`, { ...ids, status });
  };
  return { events, registry, app, run, setRemote: (value: boolean) => (remote = value) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('application metrics', () => {
  it('counts executions by workflow name (unknown until the name is read) and status, with their durations', async () => {
    const { registry, run } = setup();
    run('e1', 'w1', 'succeeded');
    await settle();
    run('e2', 'w1', 'succeeded');
    run('e3', 'w1', 'failed');
    run('e4', 'w2', 'cancelled');
    run('e5', 'w9', 'succeeded');
    await settle();
    const snapshot = registry.snapshot();
    expect(samples(snapshot, 'dwc_executions_total')).toEqual([
      { labels: { workflow: 'unknown', status: 'succeeded' }, value: 2 },
      { labels: { workflow: 'Daily digest', status: 'succeeded' }, value: 1 },
      { labels: { workflow: 'Daily digest', status: 'failed' }, value: 1 },
      { labels: { workflow: 'unknown', status: 'cancelled' }, value: 1 },
    ]);
    expect(samples(snapshot, 'dwc_execution_duration_seconds').map((s) => [s.labels.workflow, s.value])).toEqual([['unknown', 3], ['Daily digest', 2]]);
    run('e6', 'w2', 'cancelled');
    expect(samples(registry.snapshot(), 'dwc_executions_total').at(-1)).toEqual({ labels: { workflow: 'Publish', status: 'cancelled' }, value: 1 });
    expect(samples(snapshot, 'dwc_executions_running')).toEqual([{ labels: {}, value: 0 }]);
  });

  it('labels a run that started before its workflow name was read by that name once it is known', async () => {
    const { events, registry } = setup();
    events.emit('execution.started', { execution_id: 'e1', workflow_id: 'w1', status: 'running' });
    expect(samples(registry.snapshot(), 'dwc_executions_running')).toEqual([{ labels: {}, value: 1 }]);
    await settle();
    events.emit('execution.succeeded', { execution_id: 'e1', workflow_id: 'w1', status: 'succeeded' });
    expect(samples(registry.snapshot(), 'dwc_executions_total')).toEqual([{ labels: { workflow: 'Daily digest', status: 'succeeded' }, value: 1 }]);
  });

  it('counts steps by action and status, timed by their duration_ms or else from step.started, skipped steps untimed', () => {
    const { registry, run } = setup();
    run('e1', 'w1', 'failed', [['a', 'transform', 'succeeded', 1500], ['b', 'http', 'failed'], ['c', 'transform', 'skipped'], ['d', 'transform', 'succeeded', 250]]);
    const snapshot = registry.snapshot();
    expect(samples(snapshot, 'dwc_steps_total')).toEqual([
      { labels: { action: 'transform', status: 'succeeded' }, value: 2 },
      { labels: { action: 'http', status: 'failed' }, value: 1 },
      { labels: { action: 'transform', status: 'skipped' }, value: 1 },
    ]);
    const durations = samples(snapshot, 'dwc_step_duration_seconds');
    expect(durations[0]).toEqual({ labels: { action: 'transform' }, value: 2, sum: 1.75 });
    expect(durations[1]!.labels).toEqual({ action: 'http' });
    expect(durations[1]!.value).toBe(1);
    expect(durations[1]!.sum).toBeGreaterThanOrEqual(0);
  });

  it('leaves out events another process ran, and stops listening on stop()', () => {
    const { registry, run, setRemote, app } = setup();
    setRemote(true);
    run('e1', 'w1', 'succeeded', [['a', 'transform', 'succeeded', 10]]);
    setRemote(false);
    expect(samples(registry.snapshot(), 'dwc_executions_total')).toEqual([]);
    expect(samples(registry.snapshot(), 'dwc_steps_total')).toEqual([]);
    app.stop();
    run('e2', 'w1', 'succeeded');
    expect(samples(registry.snapshot(), 'dwc_executions_total')).toEqual([]);
  });

  it('records HTTP requests, queue waits and depth, WebSocket connections, notifications and AI calls', () => {
    const { registry, app, events } = setup();
    app.request('POST', '/api/v3/workflows/{id}/execute', 200, 0.004);
    app.request('POST', '/api/v3/workflows/{id}/execute', 200, 0.02);
    app.request('POST', '/api/v3/workflows/{id}/execute', 404, 0.001);
    app.request('GET', 'unmatched', 404, 0.001);
    app.jobStarted('execution', -1);
    app.jobStarted('execution', 2);
    app.queueDepth({ queued: 3 });
    app.websocketConnections(2);
    events.emit('notification.delivered', { channel: 'slack' });
    events.emit('notification.failed', { channel: 'slack' });
    app.aiCall({ provider: 'openai', model: 'gpt-4o', inputTokens: 10, outputTokens: 5, latencyMs: 1200, costUsd: 0.01, cached: false, outcome: 'ok' });
    app.aiCall({ provider: 'openai', model: 'gpt-4o', inputTokens: 0, outputTokens: 0, latencyMs: 1, costUsd: null, cached: true, outcome: 'ok' });
    const snapshot = registry.snapshot();
    expect(samples(snapshot, 'dwc_http_requests_total')).toEqual([
      { labels: { method: 'POST', route: '/api/v3/workflows/{id}/execute', status: '200' }, value: 2 },
      { labels: { method: 'POST', route: '/api/v3/workflows/{id}/execute', status: '404' }, value: 1 },
      { labels: { method: 'GET', route: 'unmatched', status: '404' }, value: 1 },
    ]);
    expect(samples(snapshot, 'dwc_http_request_duration_seconds')).toEqual([
      { labels: { method: 'POST', route: '/api/v3/workflows/{id}/execute' }, value: 3, sum: 0.025 },
      { labels: { method: 'GET', route: 'unmatched' }, value: 1, sum: 0.001 },
    ]);
    expect(samples(snapshot, 'dwc_queue_wait_seconds')).toEqual([{ labels: { kind: 'execution' }, value: 2, sum: 2 }]);
    expect(samples(snapshot, 'dwc_queue_jobs')).toEqual([{ labels: { status: 'queued' }, value: 3 }, { labels: { status: 'running' }, value: 0 }]);
    expect(samples(snapshot, 'dwc_websocket_connections')).toEqual([{ labels: {}, value: 2 }]);
    expect(samples(snapshot, 'dwc_notifications_total')).toEqual([{ labels: { channel: 'slack', outcome: 'delivered' }, value: 1 }, { labels: { channel: 'slack', outcome: 'failed' }, value: 1 }]);
    expect(samples(snapshot, 'dwc_ai_requests_total')).toEqual([{ labels: { provider: 'openai', model: 'gpt-4o', outcome: 'ok' }, value: 1 }, { labels: { provider: 'openai', model: 'gpt-4o', outcome: 'cached' }, value: 1 }]);
    expect(samples(snapshot, 'dwc_ai_tokens_total')).toEqual([{ labels: { provider: 'openai', model: 'gpt-4o', direction: 'input' }, value: 10 }, { labels: { provider: 'openai', model: 'gpt-4o', direction: 'output' }, value: 5 }]);
    expect(samples(snapshot, 'dwc_ai_request_duration_seconds')).toEqual([{ labels: { provider: 'openai', model: 'gpt-4o' }, value: 1, sum: 1.2 }]);
  });
});
