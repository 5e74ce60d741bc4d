import { z } from 'zod';
import { defineRoute } from '../define-route.js';

const livenessSchema = z.object({
  status: z.literal('ok'),
  version: z.string().meta({ description: 'Product version' }),
  uptime_s: z.number().int().min(0).meta({ description: 'Seconds since the process started' }),
});

export const livenessRoute = defineRoute({
  method: 'GET',
  path: '/health',
  operationId: 'getLiveness',
  permission: 'public',
  summary: 'Liveness: the process is up and answering',
  tags: ['health'],
  responses: { 200: { description: 'The process is running', schema: livenessSchema } },
  handler: ({ deps }) => ({ status: 'ok' as const, version: deps.version, uptime_s: Math.floor(process.uptime()) }),
});
