import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from './memory-cache-store.js';
import { pluginCache } from './plugin-cache.js';

describe('plugin cache', () => {
  const shared = () => createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 });

  it('stores a plugin\'s keys as plugin:<name>:<key> in the shared store', async () => {
    const store = shared();
    await pluginCache(store, '@dwc/plugin-ai-openai').set('models', ['gpt']);
    expect(await store.get('plugin:@dwc/plugin-ai-openai:models')).toEqual(['gpt']);
  });

  it('keeps one plugin from reading, overwriting or deleting another\'s keys', async () => {
    const store = shared();
    const a = pluginCache(store, 'plugin-a');
    const b = pluginCache(store, 'plugin-b');
    await a.set('token', 'A');
    expect(await b.get('token')).toBeUndefined();
    await b.set('token', 'B');
    expect(await b.delete('token')).toBe(true);
    expect(await a.get('token')).toBe('A');
  });

  it('escapes colons in plugin names, so "a" with key "b:k" and "a:b" with key "k" never meet', async () => {
    const store = shared();
    await pluginCache(store, 'a').set('b:k', 'from a');
    expect(await pluginCache(store, 'a:b').get('k')).toBeUndefined();
  });

  it('passes the TTL through to the store', async () => {
    let now = 1_000;
    const store = createMemoryCacheStore({ maxBytes: 1024, defaultTtlMs: 0, now: () => now });
    const cache = pluginCache(store, 'p');
    await cache.set('k', 1, 10);
    now += 11;
    expect(await cache.get('k')).toBeUndefined();
  });
});
