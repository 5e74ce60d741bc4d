import { AiProviderError, type AiFailureReason, type EventBus } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registries } from '../plugin-host/registries.js';
import { sqlClientOf } from '../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createAiService, type AiServiceSettings } from './ai-service.js';
import { AiCallCancelledError } from './call-with-timeout.js';
import { defaultAiSettings, memoryCacheStore, scriptedRegistries } from './test-support/ai-harness.js';
import { createAiUsageStore, type AiUsageStore } from './usage-store.js';

const user = (content: string) => [{ role: 'user' as const, content }];

describe.each(['sqlite', 'postgres'] as const)('AI service on %s', (dialect) => {
  let db: TestDatabase;
  let registries: Registries;
  let _events: EventBus;
  let usage: AiUsageStore;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    await db.database.migrate();
    ({ registries, events: _events } = await scriptedRegistries());
    usage = createAiUsageStore(sqlClientOf(db.database), { logger: silentLogger, flushAfterMs: 1 });
  });
  afterAll(async () => {
    await usage.close();
    await db.cleanup();
  });

  const service = (settings: Partial<AiServiceSettings> = {}, cache = memoryCacheStore()) =>
    createAiService({ registries, cache, usage, logger: silentLogger, settings: { ...defaultAiSettings, ...settings } });
  const chain = ['scripted', 'scripted-b'];

  it('answers from the first provider of the global chain and records the call', async () => {
    const ai = service({ fallback: chain });
    const result = await ai.generate({ messages: user('hello there') }, { executionId: 'exec-first' });
    expect(result).toMatchObject({ provider: 'scripted', model: 'scripted-1', attempts: [], usage: { cached: false, costUsd: null } });
    expect(result.text).toContain('hello there');
    const rows = await usage.calls({ executionId: 'exec-first' });
    expect(rows).toMatchObject([{ provider: 'scripted', model: 'scripted-1', operation: 'generate', outcome: 'ok', cached: false }]);
    expect(rows[0]!.inputTokens).toBeGreaterThan(0);
  });

  it.each(['timeout', 'rate_limited', 'server_error', 'connection', 'not_configured', 'unauthorized'] as AiFailureReason[])(
    'moves on to the next provider after %s and records why the first was skipped',
    async (reason) => {
      const result = await service({ fallback: chain }).generate({ messages: user(`[fail:scripted:${reason}] go`) }, { executionId: `exec-${reason}` });
      expect(result.provider).toBe('scripted-b');
      expect(result.attempts).toEqual([{ provider: 'scripted', outcome: 'failed', reason, message: expect.stringContaining('scripted'), latencyMs: expect.any(Number) }]);
      const rows = await usage.calls({ executionId: `exec-${reason}` });
      expect(rows.map((r) => [r.provider, r.outcome, r.reason ?? null])).toEqual([['scripted', 'failed', reason], ['scripted-b', 'ok', null]]);
    },
  );

  it('names the setting to fix when a provider is not configured', async () => {
    const result = await service({ fallback: chain }).generate({ messages: user('[fail:scripted:not_configured] go') });
    expect(result.attempts[0]!.message).toContain('SCRIPTED_API_KEY');
  });

  it.each([
    ['bad_request', { messages: user('[fail:scripted:bad_request] go') }],
    ['model_not_found', { messages: user('go'), model: 'missing-model' }],
  ] as const)('stops the chain on %s: the request itself is wrong', async (reason, request) => {
    const error = await service({ fallback: chain }).generate(request, { executionId: `exec-stop-${reason}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiProviderError);
    expect(error).toMatchObject({ reason, provider: 'scripted', details: { attempts: [{ provider: 'scripted', reason }] } });
    expect((await usage.calls({ executionId: `exec-stop-${reason}` })).map((r) => r.provider)).toEqual(['scripted']);
  });

  it('skips a provider in the chain that no plugin registered, saying so', async () => {
    const result = await service({ fallback: ['openai', 'scripted'] }).generate({ messages: user('hi') });
    expect(result.provider).toBe('scripted');
    expect(result.attempts).toEqual([{ provider: 'openai', outcome: 'skipped', reason: 'not_configured', message: expect.stringContaining('AI provider "openai" is not installed: no plugin provides it'), latencyMs: 0 }]);
  });

  it('lists every attempt when no provider answers, retryable when a retryable reason was among them', async () => {
    const error = await service({ fallback: chain }).generate({ messages: user('[fail:scripted:connection] [fail:scripted-b:rate_limited]') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ai_unavailable', retryable: true, details: { attempts: [{ provider: 'scripted', reason: 'connection' }, { provider: 'scripted-b', reason: 'rate_limited' }] } });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('times out a provider that never answers and ignores its signal, then moves on', async () => {
    const result = await service({ fallback: chain, timeoutMs: 150 }).generate({ messages: user('[hang:scripted] go') });
    expect(result.provider).toBe('scripted-b');
    expect(result.attempts[0]).toMatchObject({ provider: 'scripted', reason: 'timeout', message: expect.stringContaining('did not answer within 150 ms') });
  });

  it('rejects with a timeout when the only provider hangs', async () => {
    await expect(service({ timeoutMs: 100 }).generate({ messages: user('[hang:scripted] go'), provider: 'scripted' })).rejects.toMatchObject({ reason: 'timeout', code: 'ai_timeout' });
  });

  it("stops at once, trying no other provider, when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const pending = service({ fallback: chain, timeoutMs: 60_000 }).generate({ messages: user('[hang:scripted] go') }, { signal: controller.signal, executionId: 'exec-abort' });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AiCallCancelledError);
    expect(await usage.calls({ executionId: 'exec-abort' })).toEqual([]);
  });

  it('resolves the chain: request provider > workflow chain > global chain > the default chain', async () => {
    const ai = service({ fallback: ['scripted-b'] });
    expect((await ai.generate({ messages: user('a') })).provider).toBe('scripted-b');
    expect((await ai.generate({ messages: user('a') }, { workflowChain: ['scripted'] })).provider).toBe('scripted');
    expect((await ai.generate({ messages: user('a'), provider: 'scripted-b' }, { workflowChain: ['scripted'] })).provider).toBe('scripted-b');
    expect((await service().generate({ messages: user('a') })).provider).toBe('scripted');
  });

  it('caches deterministic answers under ai:<sha256> and records the hit as cached with no cost', async () => {
    const cache = memoryCacheStore();
    const ai = service({ prices: { 'scripted/*': { input_per_1m: 1, output_per_1m: 1 } } }, cache);
    const first = await ai.generate({ messages: user('cache me'), temperature: 0 }, { executionId: 'exec-cache' });
    const tokens: string[] = [];
    const second = await ai.generate({ messages: user('cache me'), temperature: 0 }, { executionId: 'exec-cache', onToken: (t) => tokens.push(t) });
    expect(second.text).toBe(first.text);
    expect(tokens.join('')).toBe(first.text);
    expect(first.usage).toMatchObject({ cached: false, costUsd: expect.any(Number) });
    expect(second.usage).toMatchObject({ cached: true, costUsd: 0, inputTokens: 0, outputTokens: 0 });
    expect([...cache.entries.keys()]).toEqual([expect.stringMatching(/^ai:[0-9a-f]{64}$/)]);
    expect((await usage.calls({ executionId: 'exec-cache' })).map((r) => r.cached)).toEqual([false, true]);
  });

  it('does not cache at temperature > 0 unless asked, and never without a cache store', async () => {
    const cache = memoryCacheStore();
    const ai = service({}, cache);
    await ai.generate({ messages: user('warm'), temperature: 0.7 });
    expect((await ai.generate({ messages: user('warm'), temperature: 0.7 })).usage.cached).toBe(false);
    expect(cache.entries.size).toBe(0);
    await ai.generate({ messages: user('warm'), temperature: 0.7, cache: true });
    expect((await ai.generate({ messages: user('warm'), temperature: 0.7, cache: true })).usage.cached).toBe(true);
    const uncached = createAiService({ registries, cache: undefined, usage, logger: silentLogger, settings: defaultAiSettings });
    await uncached.generate({ messages: user('plain') });
    expect((await uncached.generate({ messages: user('plain') })).usage.cached).toBe(false);
  });

  it('prices calls from the table by provider/model, null when unpriced, and aggregates per provider', async () => {
    const ai = service({ prices: { 'scripted/scripted-1': { input_per_1m: 1_000_000, output_per_1m: 2_000_000 } } }, memoryCacheStore());
    const priced = await ai.generate({ messages: user('one two three'), cache: false }, { workflowId: 'wf-cost', executionId: 'exec-cost' });
    expect(priced.usage.costUsd).toBe(priced.usage.inputTokens * 1 + priced.usage.outputTokens * 2);
    const unpriced = await ai.generate({ messages: user('four'), provider: 'scripted-b', cache: false }, { workflowId: 'wf-cost', executionId: 'exec-cost' });
    expect(unpriced.usage.costUsd).toBeNull();
    const byProvider = await usage.aggregate({ workflowId: 'wf-cost' }, 'provider');
    expect(byProvider).toEqual(expect.arrayContaining([
      expect.objectContaining({ key: 'scripted', calls: 1, costUsd: priced.usage.costUsd, inputTokens: priced.usage.inputTokens }),
      expect.objectContaining({ key: 'scripted-b', calls: 1, costUsd: null }),
    ]));
    const [total] = await usage.aggregate({ executionId: 'exec-cost' }, 'none');
    expect(total).toMatchObject({ calls: 2, outputTokens: priced.usage.outputTokens + unpriced.usage.outputTokens });
  });

  it('returns parsed JSON matching the schema, prompting providers without native structured output', async () => {
    const schema = { type: 'object', properties: { choice: { enum: ['a', 'b'] }, reason: { type: 'string' } }, required: ['choice', 'reason'] };
    for (const provider of chain) {
      const result = await service().generate({ messages: user('choose [pick:b]'), jsonSchema: schema, provider });
      expect(result.json).toEqual({ choice: 'b', reason: 'reason text' });
    }
  });

  it("analyzes with the provider's own analysis when it has one, else through a structured prompt", async () => {
    const native = await service().analyze({ text: 'This is terrible.', tasks: ['sentiment', 'summary'], provider: 'scripted-b' });
    expect(native.result).toEqual({ sentiment: { label: 'negative', score: 0.9 }, summary: 'This is terrible.' });
    const prompted = await service().analyze({ text: 'Fine [pick:neutral]', tasks: ['sentiment', 'keywords'], provider: 'scripted' });
    expect(prompted.result).toEqual({ sentiment: { label: 'neutral', score: 0.75 }, keywords: [{ term: 'term text', score: 0.75 }] });
    expect(prompted.usage.outputTokens).toBeGreaterThan(0);
  });

  it('streams tokens whose concatenation is the answer', async () => {
    const tokens: string[] = [];
    const result = await service().generate({ messages: user('stream these words please') }, { onToken: (t) => tokens.push(t) });
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(result.text);
  });

  it('tells the stream to start over when a provider fails mid-stream and the next one answers', async () => {
    const tokens: string[] = [];
    const resets: unknown[] = [];
    const result = await service({ fallback: chain }).generate({ messages: user('[break:scripted] go on') }, { onToken: (t) => tokens.push(t), onStreamReset: (a) => resets.push(a) });
    expect(result.provider).toBe('scripted-b');
    expect(resets).toEqual([expect.objectContaining({ provider: 'scripted', reason: 'connection' })]);
    expect(tokens.slice(0, 2)).toEqual(['partial ', 'answer ']);
    expect(tokens.slice(2).join('')).toBe(result.text);
  });

  it('embeds with a provider that makes embeddings, recording the call', async () => {
    const result = await service().embed({ texts: ['alpha beta', 'gamma'] }, { executionId: 'exec-embed' });
    expect(result.vectors).toHaveLength(2);
    expect(result.vectors[0]).toHaveLength(64);
    expect((await usage.calls({ executionId: 'exec-embed' }))[0]).toMatchObject({ operation: 'embed', outcome: 'ok' });
  });

  it('reports no provider at all with a message saying what to enable', async () => {
    const empty = createAiService({ registries: { ...registries, aiProviders: { list: () => [], get: () => undefined } } as unknown as Registries, cache: undefined, usage, logger: silentLogger, settings: defaultAiSettings });
    await expect(empty.generate({ messages: user('x') })).rejects.toMatchObject({ code: 'ai_no_provider', message: expect.stringContaining('no AI provider plugin is installed and enabled') });
  });
});
