import { defineAiProvider, type AiProviderDefinition } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../storage/test-support/open-test-database.js';
import { createHealthCache } from './health-cache.js';

function provider(health: AiProviderDefinition['health']): AiProviderDefinition {
  return defineAiProvider({
    type: 'probe',
    title: 'Probe',
    description: '',
    capabilities: { streaming: false, embeddings: false, structuredOutput: false, analysis: false, modelManagement: false, offline: true },
    generate: async () => ({ text: '', model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, finishReason: 'stop' }),
    listModels: async () => [],
    health,
  });
}

describe('AI provider health cache', () => {
  it('reuses an answer within its lifetime, so probes do not hammer the provider', async () => {
    let probes = 0;
    const p = provider(async () => ({ ok: true, detail: `probe ${++probes}` }));
    const cache = createHealthCache({ ttlMs: 60_000, logger: silentLogger });
    const [a, b] = await Promise.all([cache.check(p), cache.check(p)]);
    expect(await cache.check(p)).toBe(a);
    expect(b).toBe(a);
    expect(a).toMatchObject({ ok: true, detail: 'probe 1' });
    expect(probes).toBe(1);
    const fresh = createHealthCache({ ttlMs: 0, logger: silentLogger });
    await fresh.check(p);
    await fresh.check(p);
    expect(probes).toBe(3);
  });

  it('reports a provider that never answers as not ok, within the timeout', async () => {
    const cache = createHealthCache({ ttlMs: 0, logger: silentLogger, timeoutMs: 50 });
    expect(await cache.check(provider(() => new Promise(() => undefined)))).toMatchObject({ ok: false, detail: 'no answer within 50 ms' });
  });

  it('reports a provider whose health check throws as not ok with its message', async () => {
    const cache = createHealthCache({ ttlMs: 0, logger: silentLogger });
    expect(await cache.check(provider(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:11434'))))).toMatchObject({ ok: false, detail: 'connect ECONNREFUSED 127.0.0.1:11434' });
  });
});
