import { z } from 'zod';
import { defineRoute } from '../define-route.js';

const healthStatus = z.enum(['ok', 'degraded', 'down']);

const readinessSchema = z
  .object({
    status: healthStatus.meta({ description: '`down` when a dependency the server cannot work without is down' }),
    checks: z.array(
      z.object({
        name: z.string().meta({ example: 'database' }),
        status: healthStatus,
        latency_ms: z.number(),
        detail: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Readiness' });

export const readinessRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/health',
  operationId: 'getReadiness',
  permission: 'public',
  summary: 'Readiness: database, queue, scheduler, plugins and AI providers',
  tags: ['health'],
  responses: {
    200: { description: 'Ready (`ok` or `degraded`)', schema: readinessSchema },
    503: { description: 'Not ready (`down`)', schema: readinessSchema },
  },
  handler: async ({ deps, res }) => {
    const report = await deps.health.readiness();
    if (report.status === 'down') res.status(503);
    return {
      status: report.status,
      checks: report.checks.map(({ name, status, latencyMs, detail }) =>
        detail === undefined ? { name, status, latency_ms: latencyMs } : { name, status, latency_ms: latencyMs, detail },
      ),
    };
  },
});
