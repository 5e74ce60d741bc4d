import { UnavailableError } from '@dwc/sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness.js';

const base = {
  pingDatabase: async () => ({ ok: true, latencyMs: 1 }),
  plugins: [],
  aiProviders: [],
  logger: pino({ level: 'silent' }),
};

describe('readiness: cache check', () => {
  it('reports an in-process cache as ok with its backend', async () => {
    const report = await checkReadiness({ ...base, cache: { backend: 'memory', store: {} } });
    expect(report.status).toBe('ok');
    expect(report.checks.find((check) => check.name === 'cache')).toMatchObject({ status: 'ok', detail: 'memory' });
  });

  it('makes readiness degraded, not down, when the cache backend does not answer', async () => {
    const store = { ping: async () => Promise.reject(new UnavailableError('Redis cache at redis://127.0.0.1:1 (REDIS_URL) is unavailable: refused')) };
    const report = await checkReadiness({ ...base, cache: { backend: 'redis', store } });
    expect(report.status).toBe('degraded');
    expect(report.checks.find((check) => check.name === 'cache')).toMatchObject({ status: 'degraded', detail: expect.stringContaining('redis: Redis cache at redis://127.0.0.1:1 (REDIS_URL)') });
  });
});
