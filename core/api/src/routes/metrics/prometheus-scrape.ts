import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { HttpStatusError } from '../../http-status-error.js';
import { requireMetrics } from './require-metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A scrape is allowed with `Authorization: Bearer <DWC_METRICS_TOKEN>`, or without a token from a
 * loopback socket that no proxy forwarded (a reverse proxy on the same machine would make every
 * client look local, so a forwarded request needs the token).
 */
export function mayScrape(req: Request, token: string | undefined): boolean {
  const header = req.headers.authorization;
  if (token !== undefined && typeof header === 'string' && header.startsWith('Bearer ')) {
    return timingSafeEqual(digest(header.slice(7).trim()), digest(token));
  }
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

export const prometheusScrapeRoute = defineRoute({
  method: 'GET',
  path: '/metrics',
  operationId: 'scrapeMetrics',
  permission: 'public',
  errors: ['metrics_forbidden', 'metrics_disabled', 'metrics_exporter_not_found'],
  summary: 'Prometheus text exposition of this process\'s metrics (the prometheus exporter plugin)',
  description: 'Allowed with `Authorization: Bearer <DWC_METRICS_TOKEN>`, or from loopback without a proxy header. 404 when no pull exporter plugin is enabled.',
  tags: ['metrics'],
  responses: {
    200: { description: 'Prometheus text format 0.0.4', schema: z.string(), contentType: 'text/plain' },
    403: errorResponse('Not loopback and no valid token'),
    404: errorResponse('No pull exporter plugin'),
    503: errorResponse('Metrics are turned off'),
  },
  handler: async ({ deps, req, res }) => {
    const metrics = requireMetrics(deps);
    if (!mayScrape(req, metrics.token)) {
      throw new HttpStatusError(403, 'metrics_forbidden', 'GET /metrics answers only loopback clients or a request with `Authorization: Bearer <DWC_METRICS_TOKEN>`.');
    }
    const rendered = await metrics.render();
    if (rendered === undefined) throw new HttpStatusError(404, 'metrics_exporter_not_found', 'No metrics exporter plugin serves /metrics; enable @dwc/plugin-exporter-prometheus.');
    res.setHeader('Content-Type', rendered.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(rendered.body);
  },
});
