import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from './memory-cache-store.js';
import { describeCacheStore } from './test-support/cache-store-behaviour.js';

function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: async (ms: number) => void (now += ms) };
}

describeCacheStore('memory', async ({ defaultTtlMs }) => {
  const clock = manualClock();
  return { store: createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs, now: clock.now }), advance: clock.advance };
});

describe('memory cache store: bounded LRU', () => {
  // Each entry is a 1-character key and a 100-byte string value: 1 + 102 bytes serialized.
  const value = 'x'.repeat(100);

  it('evicts the least recently used entries once the serialized size passes maxBytes', async () => {
    const store = createMemoryCacheStore({ maxBytes: 350, defaultTtlMs: 0 });
    await store.set('a', value);
    await store.set('b', value);
    await store.set('c', value);
    await store.get('a');
    await store.set('d', value);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(value);
    expect(await store.stats()).toMatchObject({ evictions: 1, size: 3, bytes: 3 * 103 });
  });

  it('does not store a value larger than the whole cache', async () => {
    const store = createMemoryCacheStore({ maxBytes: 50, defaultTtlMs: 0 });
    await store.set('big', value);
    expect(await store.get('big')).toBeUndefined();
    expect((await store.stats()).size).toBe(0);
  });

  it('does not count deletes, clears or overwrites as evictions', async () => {
    const store = createMemoryCacheStore({ maxBytes: 10_000, defaultTtlMs: 0 });
    await store.set('a', 1);
    await store.set('a', 2);
    await store.set('b', 1);
    await store.delete('a');
    await store.clear();
    expect((await store.stats()).evictions).toBe(0);
  });
});
