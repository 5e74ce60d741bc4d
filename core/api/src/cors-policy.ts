import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the configured origins (`*` allows any); undefined when none are configured, so the
 * browser's same-origin rule applies and no CORS header is ever sent.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
}
