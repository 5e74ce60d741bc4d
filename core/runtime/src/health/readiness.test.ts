import { defineAiProvider, UnavailableError, type AiHealth } from '@dwc/sdk';
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

const provider = (type: string, health: AiHealth) =>
  defineAiProvider({
    type,
    title: type,
    description: type,
    capabilities: { streaming: false, embeddings: false, structuredOutput: false, analysis: false, modelManagement: false, offline: false },
    generate: async () => ({ text: '', model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, finishReason: 'stop' }),
    listModels: async () => [],
    health: async () => health,
  });

const readiness = (health: AiHealth) =>
  checkReadiness({
    pingDatabase: async () => ({ ok: true, latencyMs: 1 }),
    plugins: [],
    aiProviders: [provider('acme', health)],
    logger: pino({ level: 'silent' }),
  });

describe('readiness of AI providers', () => {
  it('is degraded by a configured provider that does not answer', async () => {
    const report = await readiness({ ok: false, detail: 'connection refused' });
    expect(report.status).toBe('degraded');
    expect(report.checks[2]).toMatchObject({ name: 'ai:acme', status: 'degraded', detail: 'connection refused' });
  });

  it('is not degraded by a provider nobody configured, and says so', async () => {
    const report = await readiness({ ok: false, configured: false, detail: 'set ACME_KEY' });
    expect(report.status).toBe('ok');
    expect(report.checks[2]).toMatchObject({ name: 'ai:acme', status: 'ok', detail: 'not configured: set ACME_KEY' });
  });
});
