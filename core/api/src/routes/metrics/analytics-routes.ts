import { TIME_RANGES } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requireMetrics } from './require-metrics.js';

const tags = ['analytics'];
const timeRange = z.object({ time_range: z.enum(Object.keys(TIME_RANGES) as [keyof typeof TIME_RANGES, ...(keyof typeof TIME_RANGES)[]]).default('day') });
const compared = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable().meta({ description: 'Relative change from the previous period (0.25 = 25% more); null when that was 0' }),
});
const workflowFigures = z.object({ workflow_id: z.string(), name: z.string(), executions: compared, p95_duration_ms: compared });

export const analyticsSummaryRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/analytics/summary',
  operationId: 'getAnalyticsSummary',
  permission: 'analytics:read',
  errors: ['metrics_disabled'],
  summary: 'Executions, success rate, p50/p95 duration, AI tokens and cost, busiest and slowest workflows, each beside the previous period',
  description: 'Read from the executions and AI usage tables of every process. Durations are grouped in 10%-wide buckets, so p50/p95 are within 10%. `month` is 30 days.',
  tags,
  request: { query: timeRange },
  responses: {
    200: {
      description: 'The summary',
      schema: z.object({
        time_range: z.string(), from: z.string(), to: z.string(), previous_from: z.string(),
        executions: compared, succeeded: compared, failed: compared, success_rate: compared,
        p50_duration_ms: compared, p95_duration_ms: compared,
        ai_calls: compared, ai_tokens: compared, ai_cost_usd: compared,
        busiest_workflows: z.array(workflowFigures), slowest_workflows: z.array(workflowFigures),
      }).meta({ id: 'AnalyticsSummary' }),
    },
    400: errorResponse('Bad time_range'),
    503: errorResponse('Metrics are turned off'),
  },
  handler: ({ deps, query }) => requireMetrics(deps).summary(query.time_range),
});

export const analyticsInsightsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/analytics/insights',
  operationId: 'getAnalyticsInsights',
  permission: 'analytics:read',
  errors: ['metrics_disabled'],
  summary: 'Findings in plain words with the numbers behind them and a link, highest impact first',
  description: 'Rules: a step failing more since the workflow\'s latest version; a step costing 40% or more of AI spend; a workflow whose p95 duration at least doubled from the previous period.',
  tags,
  request: { query: timeRange },
  responses: {
    200: {
      description: 'The findings',
      schema: z.object({
        time_range: z.string(), from: z.string(), to: z.string(),
        insights: z.array(z.object({
          kind: z.enum(['step_failures_since_version', 'ai_spend_share', 'p95_doubled']),
          message: z.string(),
          impact: z.number().meta({ description: '0 to 1; orders the list' }),
          numbers: z.record(z.string(), z.union([z.number(), z.string()])),
          link: z.string(),
          workflow_id: z.string(),
        })),
      }).meta({ id: 'AnalyticsInsights' }),
    },
    400: errorResponse('Bad time_range'),
    503: errorResponse('Metrics are turned off'),
  },
  handler: ({ deps, query }) => requireMetrics(deps).insights(query.time_range),
});

export const analyticsRoutes = [analyticsSummaryRoute, analyticsInsightsRoute];
