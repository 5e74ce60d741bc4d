import { LRUCache } from 'lru-cache';
import { effectiveTtl, encodeCacheValue } from './cache-value.js';
import type { CacheStats, CacheStore } from './cache-store.js';

export interface MemoryCacheOptions {
  /** Total serialized bytes of keys and values held; the least recently used entries go first. */
  maxBytes: number;
  /** TTL of a `set` without one; 0 = until evicted. */
  defaultTtlMs: number;
  /** Clock for TTLs (milliseconds); tests move it instead of sleeping. */
  now?: () => number;
}

/** A bounded LRU in this process (lru-cache), holding values as JSON strings. */
export function createMemoryCacheStore(options: MemoryCacheOptions): CacheStore {
  const counts = { hits: 0, misses: 0, evictions: 0 };
  const lru = new LRUCache<string, string>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (value, key) => Buffer.byteLength(value) + Buffer.byteLength(key),
    dispose: (_value, _key, reason) => {
      if (reason === 'evict' || reason === 'expire') counts.evictions += 1;
    },
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });

  return {
    async get<T>(key: string) {
      const json = lru.get(key);
      if (json === undefined) {
        counts.misses += 1;
        return undefined;
      }
      counts.hits += 1;
      return JSON.parse(json) as T;
    },
    async set(key, value, ttlMs) {
      const json = encodeCacheValue(key, value);
      lru.set(key, json, { ttl: effectiveTtl(ttlMs, options.defaultTtlMs) ?? 0 });
    },
    async delete(key) {
      return lru.delete(key);
    },
    async clear(prefix = '') {
      lru.purgeStale();
      const doomed = [...lru.keys()].filter((key) => key.startsWith(prefix));
      for (const key of doomed) lru.delete(key);
      return doomed.length;
    },
    async stats(): Promise<CacheStats> {
      lru.purgeStale();
      return { backend: 'memory', ...counts, size: lru.size, bytes: lru.calculatedSize };
    },
    async close() {
      lru.clear();
    },
  };
}
