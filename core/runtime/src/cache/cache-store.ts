export type CacheBackend = 'memory' | 'redis' | 'file';

/**
 * Counters a cache backend reports. `hits` and `misses` count `get` calls; `evictions` count entries
 * the cache dropped by itself (capacity or TTL expiry), not deletes, clears or overwrites. `size` is
 * entries held (the memory and file backends) or keys under the prefix (redis).
 */
export interface CacheStats {
  backend: CacheBackend;
  hits: number;
  misses: number;
  evictions: number;
  size: number;
  /** Bytes held (serialized keys and values); the memory and file backends only. */
  bytes?: number;
}

/**
 * One cache backend (`memory`: bounded LRU, `redis`: ioredis, `file`: a folder under the data
 * directory). Values are JSON-serialisable and stored serialized, so a caller never shares an
 * object with the cache; keys are plain strings that callers namespace themselves (`ai:<hash>`,
 * `plugin:<name>:<key>`).
 */
export interface CacheStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /**
   * Stores `value` for `ttlMs` milliseconds; `0` keeps it until evicted; omitted uses the store's
   * default TTL (`DWC_CACHE_TTL_MS`). A value JSON cannot represent (undefined, a function, a
   * bigint) is refused with a TypeError.
   */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Whether a value was there. */
  delete(key: string): Promise<boolean>;
  /** Removes every key starting with `prefix` (all keys when omitted); returns how many went. */
  clear(prefix?: string): Promise<number>;
  stats(): Promise<CacheStats>;
  /** Rejects when a backend outside the process (redis) does not answer; in-process stores leave it out. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
