import { describe, expect, it } from 'vitest';
import type { CacheBackend, CacheStore } from '../cache-store.js';

export interface OpenedStore {
  store: CacheStore;
  /** Moves the store's clock on (or waits, for a backend whose clock is a server's). */
  advance(ms: number): Promise<void>;
}

/**
 * The behaviour every backend shares. `open` makes an empty store with the given default TTL
 * (0 = none); each test opens its own.
 */
export function describeCacheStore(backend: CacheBackend, open: (options: { defaultTtlMs: number }) => Promise<OpenedStore>): void {
  const opened = async (defaultTtlMs = 0) => open({ defaultTtlMs });

  describe(`${backend} cache store: shared behaviour`, () => {
    it('returns what was set, including null and nested JSON, and undefined for a missing key', async () => {
      const { store } = await opened();
      const value = { title: 'Doc', tags: ['a', 'b'], nested: { n: 1.5, ok: true, none: null } };
      await store.set('doc:1', value);
      await store.set('nothing', null);
      expect(await store.get('doc:1')).toEqual(value);
      expect(await store.get('nothing')).toBeNull();
      expect(await store.get('absent')).toBeUndefined();
      await store.close();
    });

    it('overwrites a key and deletes it, saying whether it was there', async () => {
      const { store } = await opened();
      await store.set('k', 'first');
      await store.set('k', 'second');
      expect(await store.get('k')).toBe('second');
      expect(await store.delete('k')).toBe(true);
      expect(await store.delete('k')).toBe(false);
      expect(await store.get('k')).toBeUndefined();
      await store.close();
    });

    it('hands out copies: changing an object after set or after get does not change the cached value', async () => {
      const { store } = await opened();
      const original = { list: [1, 2] };
      await store.set('obj', original);
      original.list.push(3);
      const read = await store.get<{ list: number[] }>('obj');
      read!.list.push(4);
      expect(await store.get('obj')).toEqual({ list: [1, 2] });
      await store.close();
    });

    it('refuses values JSON cannot carry', async () => {
      const { store } = await opened();
      await expect(store.set('u', undefined)).rejects.toThrow(TypeError);
      await expect(store.set('b', 10n)).rejects.toThrow(/not JSON-serialisable/);
      await expect(store.set('t', 1, -5)).rejects.toThrow(/TTL/);
      expect(await store.get('u')).toBeUndefined();
      await store.close();
    });

    it('expires an entry after its TTL, counting it as an eviction, and keeps one set with TTL 0', async () => {
      const { store, advance } = await opened();
      await store.set('short', 'v', 40);
      await store.set('forever', 'v', 0);
      expect(await store.get('short')).toBe('v');
      const before = await store.stats();
      await advance(80);
      expect(await store.get('short')).toBeUndefined();
      expect(await store.get('forever')).toBe('v');
      const after = await store.stats();
      expect(after.evictions).toBeGreaterThanOrEqual(before.evictions + 1);
      expect(after.size).toBe(1);
      await store.close();
    });

    it('gives a set without TTL the default TTL', async () => {
      const { store, advance } = await opened(50);
      await store.set('defaulted', 1);
      expect(await store.get('defaulted')).toBe(1);
      await advance(90);
      expect(await store.get('defaulted')).toBeUndefined();
      await store.close();
    });

    it('clears the keys under a prefix only, taking glob characters literally, and returns how many went', async () => {
      const { store } = await opened();
      for (const key of ['ai:1', 'ai:2', 'ai*x', 'plugin:a:1', 'a']) await store.set(key, key);
      expect(await store.clear('ai*')).toBe(1);
      expect(await store.clear('ai:')).toBe(2);
      expect(await store.get('plugin:a:1')).toBe('plugin:a:1');
      expect(await store.clear('nothing-here:')).toBe(0);
      expect(await store.clear()).toBe(2);
      expect((await store.stats()).size).toBe(0);
      await store.close();
    });

    it('counts hits, misses and entries held', async () => {
      const { store } = await opened();
      await store.set('a', 1);
      await store.set('b', 2);
      await store.get('a');
      await store.get('a');
      await store.get('b');
      await store.get('missing');
      expect(await store.stats()).toMatchObject({ backend, hits: 3, misses: 1, size: 2 });
      await store.close();
    });

    it('treats keys as opaque strings: colons, slashes, spaces and non-ASCII', async () => {
      const { store } = await opened();
      const keys = ['a:b:c', 'path/to/x', 'with space', 'ключ-🔑', 'x'.repeat(500)];
      for (const [i, key] of keys.entries()) await store.set(key, i);
      for (const [i, key] of keys.entries()) expect(await store.get(key)).toBe(i);
      await store.close();
    });
  });
}
