/** Serializes a cache value, refusing what JSON cannot carry instead of storing `undefined`. */
export function encodeCacheValue(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`Cache value for "${key}" is not JSON-serialisable: ${(error as Error).message}`, { cause: error });
  }
  if (json === undefined) throw new TypeError(`Cache value for "${key}" is not JSON-serialisable (got ${typeof value}).`);
  return json;
}

/** The TTL a `set` gets: its own when given (0 = none), else the store's default; undefined means no expiry. */
export function effectiveTtl(ttlMs: number | undefined, defaultTtlMs: number): number | undefined {
  const ttl = ttlMs ?? defaultTtlMs;
  if (!Number.isFinite(ttl) || ttl < 0) throw new TypeError(`Cache TTL must be a number of milliseconds >= 0, got ${ttlMs}.`);
  return ttl === 0 ? undefined : Math.ceil(ttl);
}
