import type { EventBus } from '@dwc/sdk';
import { SECONDS_BUCKETS } from './histogram-math.js';
import type { MetricChild, MetricRegistry } from './metric-registry.js';
import { seriesCache } from './series-cache.js';
import { createWorkflowNames } from './workflow-names.js';

/** What the AI usage store records for each call, as far as metrics need it. */
export interface AiCallReading {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costUsd: number | null;
  cached: boolean;
  outcome: string;
}

export interface AppMetrics {
  /** One HTTP request ended: method, route template (`/api/v3/workflows/{id}`, or `unmatched`), status. */
  request(method: string, route: string, status: number, seconds: number): void;
  aiCall(call: AiCallReading): void;
  /** A job was claimed after waiting `seconds` since it was due. */
  jobStarted(kind: string, seconds: number): void;
  /** Current queue depth by status. */
  queueDepth(counts: Record<string, number>): void;
  websocketConnections(open: number): void;
  /** Stops listening to the event bus. */
  stop(): void;
}

const nothing = (): void => undefined;

/** The hooks when metrics are turned off. */
export const noAppMetrics: AppMetrics = { request: nothing, aiCall: nothing, jobStarted: nothing, queueDepth: nothing, websocketConnections: nothing, stop: nothing };

/**
 * Application metrics. Executions, steps and notifications come from the event bus; events another
 * process ran (relayed by the Postgres bridge, `isRemote()` true while they are delivered) are not
 * counted here, since that process counts and stores them itself. Workflows are labelled by name
 * (`workflowName`, read once per workflow and again every few minutes: see workflow-names.ts), never by id.
 */
export function registerAppMetrics(
  registry: MetricRegistry,
  options: { events: EventBus; isRemote: () => boolean; workflowName: (id: string) => Promise<string | undefined> },
): AppMetrics {
  const requests = registry.counter({ name: 'dwc_http_requests_total', help: 'HTTP requests by method, route template and status', labelNames: ['method', 'route', 'status'], trustedLabels: true });
  const requestSeconds = registry.histogram({ name: 'dwc_http_request_duration_seconds', help: 'HTTP request latency by method and route template', unit: 'seconds', labelNames: ['method', 'route'], buckets: SECONDS_BUCKETS, trustedLabels: true });
  const executions = registry.counter({ name: 'dwc_executions_total', help: 'Executions that ended, by workflow name and status', labelNames: ['workflow', 'status'] });
  const executionSeconds = registry.histogram({ name: 'dwc_execution_duration_seconds', help: 'Execution duration by workflow name', unit: 'seconds', labelNames: ['workflow'], buckets: SECONDS_BUCKETS });
  const running = registry.gauge({ name: 'dwc_executions_running', help: 'Executions running in this process' });
  const steps = registry.counter({ name: 'dwc_steps_total', help: 'Steps that ended, by action and status', labelNames: ['action', 'status'] });
  const stepSeconds = registry.histogram({ name: 'dwc_step_duration_seconds', help: 'Step duration by action', unit: 'seconds', labelNames: ['action'], buckets: SECONDS_BUCKETS });
  const queue = registry.gauge({ name: 'dwc_queue_jobs', help: 'Jobs in the shared queue by status', labelNames: ['status'], trustedLabels: true });
  const queueWait = registry.histogram({ name: 'dwc_queue_wait_seconds', help: 'Time a job waited in the queue after it was due', unit: 'seconds', labelNames: ['kind'], buckets: SECONDS_BUCKETS, trustedLabels: true });
  const sockets = registry.gauge({ name: 'dwc_websocket_connections', help: 'Open WebSocket connections to this process' });
  const aiTokens = registry.counter({ name: 'dwc_ai_tokens_total', help: 'AI tokens by provider, model and direction', labelNames: ['provider', 'model', 'direction'] });
  const aiCost = registry.counter({ name: 'dwc_ai_cost_usd_total', help: 'AI spend in US dollars by provider and model (priced calls only)', labelNames: ['provider', 'model'] });
  const aiCalls = registry.counter({ name: 'dwc_ai_requests_total', help: 'AI calls by provider, model and outcome (cached: answered from the cache)', labelNames: ['provider', 'model', 'outcome'] });
  const aiSeconds = registry.histogram({ name: 'dwc_ai_request_duration_seconds', help: 'AI call latency by provider and model', unit: 'seconds', labelNames: ['provider', 'model'], buckets: SECONDS_BUCKETS });
  const notifications = registry.counter({ name: 'dwc_notifications_total', help: 'Notification delivery attempts by channel and outcome', labelNames: ['channel', 'outcome'] });

  const nameOf = createWorkflowNames(options.workflowName);
  // The series each event records into, looked up once per label value (see series-cache.ts).
  let runningNow: MetricChild | undefined;
  const executionSecondsOf = seriesCache((workflow: string) => executionSeconds.child([workflow]));
  const stepSecondsOf = seriesCache((action: string) => stepSeconds.child([action]));
  const queueWaitOf = seriesCache((kind: string) => queueWait.child([kind]));
  const requestsOf = seriesCache((method: string) =>
    seriesCache((route: string) => ({ seconds: requestSeconds.child([method, route]), status: seriesCache((status: number) => requests.child([method, route, String(status)])) })),
  );
  // Runs whose end this process never sees (parked, taken over elsewhere) must not pile up.
  const MAX_TRACKED = 10_000;
  /** Start time (performance.now()) of each running execution. */
  const started = new Map<string, number>();
  /** Start time of each running step, by execution then step id (ids repeat across events, so their hashes are reused). */
  const stepStarted = new Map<string, Map<string, number>>();
  const local = <T extends Record<string, unknown>>(handle: (payload: T) => void) => (event: { payload: Record<string, unknown> }) => {
    if (!options.isRemote()) handle(event.payload as T);
  };

  type ExecutionPayload = { execution_id: string; workflow_id: string; status: string };
  type StepPayload = { execution_id: string; step_id: string; action?: string; duration_ms?: number };
  const unsubscribe = [
    options.events.on('execution.started', local<ExecutionPayload>((p) => {
      if (started.size >= MAX_TRACKED) started.delete(started.keys().next().value!);
      started.set(p.execution_id, performance.now());
      // Asks for the workflow's name now, so it is known when the run ends.
      nameOf(p.workflow_id);
      (runningNow ??= running.child([])).set(started.size);
    })),
    ...['succeeded', 'failed', 'cancelled'].map((status) => {
      const endedOf = seriesCache((workflow: string) => executions.child([workflow, status]));
      return options.events.on(`execution.${status}`, local<ExecutionPayload>((p) => {
        const begun = started.get(p.execution_id);
        started.delete(p.execution_id);
        if (stepStarted.get(p.execution_id)?.size === 0) stepStarted.delete(p.execution_id);
        (runningNow ??= running.child([])).set(started.size);
        // A name once known stays known, so the name now is the one the run started under (or the one learnt since).
        const workflow = nameOf(p.workflow_id);
        endedOf(workflow).inc();
        if (begun !== undefined) executionSecondsOf(workflow).observe((performance.now() - begun) / 1000);
      }));
    }),
    options.events.on('step.started', local<StepPayload>((p) => {
      let steps = stepStarted.get(p.execution_id);
      if (steps === undefined) {
        if (stepStarted.size >= MAX_TRACKED) stepStarted.delete(stepStarted.keys().next().value!);
        stepStarted.set(p.execution_id, (steps = new Map()));
      }
      steps.set(p.step_id, performance.now());
    })),
    ...['succeeded', 'failed', 'cancelled', 'skipped'].map((status) => {
      const endedOf = seriesCache((action: string) => steps.child([action, status]));
      return options.events.on(`step.${status}`, local<StepPayload>((p) => {
        const steps = stepStarted.get(p.execution_id);
        const begun = steps?.get(p.step_id);
        if (begun !== undefined) {
          steps!.delete(p.step_id);
          // A run started here keeps its (empty) map for its next step, until it ends.
          if (steps!.size === 0 && !started.has(p.execution_id)) stepStarted.delete(p.execution_id);
        }
        const action = typeof p.action === 'string' ? p.action : 'unknown';
        endedOf(action).inc();
        const seconds = typeof p.duration_ms === 'number' ? p.duration_ms / 1000 : begun === undefined ? undefined : (performance.now() - begun) / 1000;
        if (seconds !== undefined && status !== 'skipped') stepSecondsOf(action).observe(seconds);
      }));
    }),
    options.events.on('notification.delivered', local<{ channel: string }>((p) => notifications.inc([p.channel, 'delivered']))),
    options.events.on('notification.failed', local<{ channel: string }>((p) => notifications.inc([p.channel, 'failed']))),
  ];

  return {
    request(method, route, status, seconds) {
      const series = requestsOf(method)(route);
      series.status(status).inc();
      series.seconds.observe(seconds);
    },
    aiCall(call) {
      const outcome = call.cached ? 'cached' : call.outcome;
      aiCalls.inc([call.provider, call.model, outcome]);
      if (call.inputTokens > 0) aiTokens.inc([call.provider, call.model, 'input'], call.inputTokens);
      if (call.outputTokens > 0) aiTokens.inc([call.provider, call.model, 'output'], call.outputTokens);
      if (call.costUsd !== null && call.costUsd > 0) aiCost.inc([call.provider, call.model], call.costUsd);
      if (!call.cached) aiSeconds.observe([call.provider, call.model], call.latencyMs / 1000);
    },
    jobStarted: (kind, seconds) => queueWaitOf(kind).observe(Math.max(0, seconds)),
    queueDepth(counts) {
      for (const status of ['queued', 'running']) queue.set([status], counts[status] ?? 0);
    },
    websocketConnections: (open) => sockets.set([], open),
    stop: () => unsubscribe.forEach((off) => off()),
  };
}
