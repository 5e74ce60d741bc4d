import { describe, expect, it } from 'vitest';
import { createEventBus } from '../events/event-bus.js';
import { silentLogger } from '../storage/test-support/open-test-database.js';
import { aiCacheKey, isCacheable } from './cache-key.js';
import { parseJsonAnswer, schemaProblems } from './json-answer.js';
import { costOf } from './price-table.js';
import { resolveChain } from './resolve-chain.js';
import { createTokenStream } from './token-stream.js';
import { cosine, decodeVector, encodeVector } from './vector-codec.js';

describe('resolveChain', () => {
  it('puts the request provider first, then its fallback', () => {
    expect(resolveChain({ provider: 'ollama', fallback: ['local', 'ollama'] }, ['openai'], ['x'])).toEqual(['ollama', 'local']);
  });
  it('uses the request fallback, then the workflow chain, then the global chain, else nothing (the default chain)', () => {
    expect(resolveChain({ fallback: ['a', 'b'] }, ['w'], ['g'])).toEqual(['a', 'b']);
    expect(resolveChain({}, ['w1', 'w2'], ['g'])).toEqual(['w1', 'w2']);
    expect(resolveChain({}, undefined, ['g1', 'g2'])).toEqual(['g1', 'g2']);
    expect(resolveChain({}, [], [])).toEqual([]);
  });
});

describe('parseJsonAnswer and schemaProblems', () => {
  it('reads bare JSON, a fenced block, or the JSON inside prose', () => {
    expect(parseJsonAnswer('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonAnswer('Here:\n```json\n{"a":2}\n```')).toEqual({ ok: true, value: { a: 2 } });
    expect(parseJsonAnswer('Sure! {"a":3} hope it helps')).toEqual({ ok: true, value: { a: 3 } });
    expect(parseJsonAnswer('no json here').ok).toBe(false);
  });
  it('lists what does not match the schema', () => {
    const schema = { type: 'object', properties: { choice: { enum: ['a', 'b'] } }, required: ['choice'] };
    expect(schemaProblems(schema, { choice: 'a' })).toEqual([]);
    expect(schemaProblems(schema, { choice: 'c' })[0]).toMatch(/\/choice must be equal to one of the allowed values/);
    expect(schemaProblems({ type: 'nonsense' }, 1)[0]).toMatch(/schema is invalid/);
  });
});

describe('aiCacheKey and isCacheable', () => {
  const base = { provider: 'openai', model: 'm', maxTokens: 10, temperature: 0, messages: [{ role: 'user' as const, content: 'hi' }], jsonSchema: undefined };
  it('differs whenever something that shapes the answer differs', () => {
    const key = aiCacheKey(base);
    expect(key).toMatch(/^ai:[0-9a-f]{64}$/);
    expect(aiCacheKey({ ...base })).toBe(key);
    for (const change of [{ provider: 'ollama' }, { model: 'n' }, { maxTokens: 11 }, { temperature: 0.1 }, { messages: [{ role: 'user' as const, content: 'ho' }] }, { jsonSchema: { type: 'object' } }]) {
      expect(aiCacheKey({ ...base, ...change })).not.toBe(key);
    }
  });
  it('caches temperature 0 or unset unless told otherwise', () => {
    expect([isCacheable(undefined, undefined), isCacheable(0, undefined), isCacheable(0.2, undefined), isCacheable(0.2, true), isCacheable(0, false)]).toEqual([true, true, false, true, false]);
  });
});

describe('costOf', () => {
  const prices = { 'openai/gpt-4o-mini': { input_per_1m: 0.15, output_per_1m: 0.6 }, 'ollama/*': { input_per_1m: 0, output_per_1m: 0 } };
  it('prices by provider/model, then provider/*, else null', () => {
    expect(costOf(prices, 'openai', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(0.45, 10);
    expect(costOf(prices, 'ollama', 'llama3', { inputTokens: 5, outputTokens: 5 })).toBe(0);
    expect(costOf(prices, 'openai', 'gpt-5', { inputTokens: 5, outputTokens: 5 })).toBeNull();
  });
});

describe('vector codec', () => {
  it('round-trips Float32 vectors through base64', () => {
    const vector = [0.5, -1.25, 3, 0];
    expect([...decodeVector(encodeVector(vector))]).toEqual(vector);
    expect(encodeVector(vector)).toHaveLength(Math.ceil((vector.length * 4) / 3) * 4);
  });
  it('scores cosine similarity', () => {
    expect(cosine([1, 0], [2, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 3])).toBeCloseTo(0);
    expect(cosine([1, 0], [-1, 0])).toBeCloseTo(-1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1], [1, 1])).toBe(0);
  });
});

describe('token stream', () => {
  const ids = { execution_id: 'e', workflow_id: 'w', step_id: 's' };
  it('sends one event per token without coalescing', () => {
    const events = createEventBus(silentLogger);
    const seen: unknown[] = [];
    events.on('ai.token', (e) => seen.push(e.payload));
    const stream = createTokenStream(events, ids, 0);
    stream.push('a ');
    stream.push('b');
    stream.end();
    expect(seen).toEqual([{ ...ids, index: 0, text: 'a ' }, { ...ids, index: 1, text: 'b' }]);
  });
  it('coalesces tokens within the window and flushes the rest at the end', () => {
    const events = createEventBus(silentLogger);
    const seen: { index: number; text: string }[] = [];
    events.on('ai.token', (e) => seen.push(e.payload as { index: number; text: string }));
    const stream = createTokenStream(events, ids, 60_000);
    for (const token of ['one ', 'two ', 'three']) stream.push(token);
    expect(seen).toEqual([]);
    stream.end();
    expect(seen).toEqual([{ ...ids, index: 0, text: 'one two three' }]);
  });
  it('drops pending text and sends a reset marker when the provider changes mid-stream', () => {
    const events = createEventBus(silentLogger);
    const seen: unknown[] = [];
    events.on('ai.token', (e) => seen.push(e.payload));
    const stream = createTokenStream(events, ids, 60_000);
    stream.push('lost ');
    stream.reset({ provider: 'openai', reason: 'connection' });
    stream.push('kept');
    stream.end();
    expect(seen).toEqual([{ ...ids, index: 0, text: '', reset: true, provider: 'openai', reason: 'connection' }, { ...ids, index: 1, text: 'kept' }]);
  });
});
