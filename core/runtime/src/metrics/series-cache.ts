/**
 * A lookup of metric series handles by one label value, made on first use: a hot path then records a
 * sample with one Map lookup, without joining label values into a key or checking them again.
 * Bounded: past `max` entries it empties and starts again (a handle is cheap to look up again).
 */
export function seriesCache<K, V>(make: (key: K) => V, max = 10_000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = make(key);
      cache.set(key, value);
    }
    return value;
  };
}
