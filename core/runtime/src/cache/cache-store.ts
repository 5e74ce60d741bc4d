/** Counters a cache backend reports; `size` is entries held (the memory and file backends) or keys under the prefix (redis). */
export interface CacheStats {
  backend: 'memory' | 'redis' | 'file';
  hits: number;
  misses: number;
  evictions: number;
  size: number;
}

/**
 * One cache backend (`memory`: bounded LRU, `redis`: ioredis, `file`: a folder under the data
 * directory). Values are JSON-serialisable; keys are plain strings that callers namespace themselves
 * (`ai:<hash>`, `plugin:<name>:<key>`).
 */
export interface CacheStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs` milliseconds, or until evicted when omitted. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Whether a value was there. */
  delete(key: string): Promise<boolean>;
  /** Removes every key starting with `prefix` (all keys when omitted); returns how many went. */
  clear(prefix?: string): Promise<number>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}
