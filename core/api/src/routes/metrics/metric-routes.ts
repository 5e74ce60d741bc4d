import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requireMetrics } from './require-metrics.js';

const tags = ['metrics'];
const disabled = errorResponse('Metrics are turned off (DWC_METRICS_ENABLED=false)');

const metricType = z.enum(['counter', 'gauge', 'histogram']);
const labelsSchema = z.record(z.string().min(1).max(64), z.string().max(200)).optional().meta({ description: 'Extra labels; e-mails and ids in values are replaced by a marker' });

const recordedSchema = z
  .object({
    name: z.string().meta({ description: 'The exposed Prometheus name: `dwc_` + the name with other characters as `_`, `_total` on counters' }),
    metric_type: metricType,
    labels: z.record(z.string(), z.string()),
  })
  .meta({ id: 'RecordedMetric' });

function customRoute(type: z.infer<typeof metricType>, operationId: string) {
  return defineRoute({
    method: 'POST',
    path: `/api/v3/metrics/metrics/${type}`,
    operationId,
    permission: 'metrics:write',
    errors: ['invalid_metric_name', 'invalid_metric_labels', 'invalid_metric_value', 'metric_conflict', 'too_many_metrics', 'metrics_disabled'],
    summary: `Record a sample of a custom ${type}`,
    description: type === 'counter' ? 'Adds `value` (0 or more) to the counter.' : type === 'gauge' ? 'Sets the gauge to `value`.' : 'Records `value` as one observation.',
    tags,
    request: {
      body: z
        .object({
          name: z.string().min(1).max(150).meta({ example: 'custom.metric' }),
          value: z.number().finite(),
          metric_type: z.literal(type).default(type),
          category: z.string().min(1).max(64).default('application'),
          labels: labelsSchema,
        })
        .strict(),
    },
    responses: { 201: { description: 'Recorded', schema: recordedSchema }, 400: errorResponse('Bad body, name or labels'), 409: errorResponse('The name is another type or has other labels, or too many custom metrics exist'), 503: disabled },
    handler: ({ deps, body, res }) => {
      const recorded = requireMetrics(deps).recordCustom({ ...body, metric_type: type });
      res.status(201);
      return recorded;
    },
  });
}

const isoDate = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const pointSchema = z.object({
  t: z.string(),
  value: z.number().meta({ description: 'Counter: increase in the bucket; gauge: mean reading; histogram: observations' }),
  count: z.number(),
  sum: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  last: z.number().nullable(),
  p50: z.number().nullable().optional(),
  p95: z.number().nullable().optional(),
  p99: z.number().nullable().optional(),
});

export const queryMetricRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/metrics/metrics',
  operationId: 'queryMetric',
  permission: 'metrics:read',
  errors: ['invalid_time_range', 'metrics_disabled'],
  summary: 'A stored metric over time, from the 1-minute, 1-hour or 1-day rollup',
  description: 'Every process\'s series are added together per label set; `processes` names those that wrote points. Without `step`, the finest rollup still kept for `from` that answers with at most 1,500 points is used.',
  tags,
  request: {
    query: z.object({
      name: z.string().min(1).max(200).meta({ example: 'dwc_executions_total' }),
      from: isoDate.optional().meta({ description: 'Default: one hour before `to`' }),
      to: isoDate.optional().meta({ description: 'Default: now' }),
      step: z.enum(['1m', '1h', '1d']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The series',
      schema: z.object({
        name: z.string(),
        type: z.enum(['counter', 'gauge', 'histogram']).nullable(),
        step: z.enum(['1m', '1h', '1d']),
        from: z.string(),
        to: z.string(),
        processes: z.array(z.string()),
        series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(pointSchema) })),
      }).meta({ id: 'MetricSeries' }),
    },
    400: errorResponse('Bad query'),
    503: disabled,
  },
  handler: async ({ deps, query }) => {
    const to = query.to ?? Date.now();
    const from = query.from ?? to - 3_600_000;
    return requireMetrics(deps).query({ name: query.name, from, to, step: query.step });
  },
});

export const systemOverviewRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/metrics/metrics/system/overview',
  operationId: 'getSystemOverview',
  permission: 'metrics:read',
  errors: ['metrics_disabled'],
  summary: 'This process now: CPU, memory, event-loop lag, disk of the data folder, and the metrics it holds',
  tags,
  responses: { 200: { description: 'The overview', schema: z.record(z.string(), z.unknown()).meta({ id: 'SystemOverview' }) }, 503: disabled },
  handler: ({ deps }) => requireMetrics(deps).systemOverview(),
});

export const metricsServiceStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/metrics/service/stats',
  operationId: 'getMetricsServiceStats',
  permission: 'metrics:read',
  errors: ['metrics_disabled'],
  summary: 'The metrics service: series held, samples dropped by the cap, flushes, retention, exporters, processes storing',
  tags,
  responses: { 200: { description: 'The stats', schema: z.record(z.string(), z.unknown()).meta({ id: 'MetricsServiceStats' }) }, 503: disabled },
  handler: ({ deps }) => requireMetrics(deps).serviceStats(),
});

/** `/api/v3/metrics`: custom samples, stored series, the system overview and the service's stats. */
export const metricRoutes = [
  customRoute('counter', 'recordCounter'),
  customRoute('gauge', 'recordGauge'),
  customRoute('histogram', 'recordHistogram'),
  queryMetricRoute,
  systemOverviewRoute,
  metricsServiceStatsRoute,
];
