/** A small key-value cache scoped to one plugin; keys never collide with another plugin's. */
export interface Cache {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores `value` (JSON-serialisable) for `ttlMs` milliseconds, or until evicted when omitted. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
}
