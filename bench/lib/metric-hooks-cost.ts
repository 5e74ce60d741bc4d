// CPU the metrics hooks spend on one webhook round trip, measured in process: the events a run of the
// two-step webhook workflow emits, plus its HTTP request and queue wait, delivered on an event bus
// with the application metrics listening, against the same bus without them. Steadier than req/s on
// a shared machine, and it names the cost metrics themselves add (no database work is involved).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createEventBus } from '@dwc/runtime';
import { registerAppMetrics } from '../../core/runtime/src/metrics/app-metrics.js';
import { createMetricRegistry } from '../../core/runtime/src/metrics/metric-registry.js';
import { median } from './report.js';

const RUNS = 10_000;

/** CPU ns per round trip of `runs` simulated round trips, with or without the metrics listening. */
function roundTrips(metrics: boolean): number {
  const events = createEventBus(pino({ level: 'silent' }));
  // The Postgres event bridge and the WebSocket gateway listen to everything in a real server.
  events.on('*', () => undefined);
  const app = metrics ? registerAppMetrics(createMetricRegistry({ maxSeries: 2000 }), { events, isRemote: () => false, workflowName: async () => 'webhook' }) : undefined;
  const workflowId = randomUUID();
  const executionIds = Array.from({ length: RUNS }, () => randomUUID());
  const cpu = process.cpuUsage();
  for (const executionId of executionIds) {
    const ids = { execution_id: executionId, workflow_id: workflowId, version: 1 };
    app?.jobStarted('execution', 0.001);
    events.emit('execution.started', { ...ids, status: 'running' });
    for (const step of ['count', 'shout']) {
      events.emit('step.started', { ...ids, step_id: step, attempt: 1 });
      events.emit('step.succeeded', { ...ids, step_id: step, action: 'transform', attempt: 1, duration_ms: 1, documents: 0, output: { result: 9 } });
    }
    events.emit('execution.succeeded', { ...ids, status: 'succeeded', output: { result: '9' } });
    app?.request('POST', '/api/v3/workflows/{id}/execute', 200, 0.003);
  }
  const used = process.cpuUsage(cpu);
  app?.stop();
  return ((used.user + used.system) * 1000) / RUNS;
}

/** Median CPU µs per round trip the metrics hooks add (alternating without and with, `rounds` times each). */
export function metricHooksCostUs(rounds = 15): number {
  const without: number[] = [];
  const withMetrics: number[] = [];
  for (let i = 0; i < rounds; i++) {
    without.push(roundTrips(false));
    withMetrics.push(roundTrips(true));
  }
  return (median(withMetrics) - median(without)) / 1000;
}
