import type { Cache } from '@dwc/sdk';
import type { CacheStore } from './cache-store.js';

/** Key prefix of one plugin's entries; `:` and `%` in the name are escaped so no name can reach into another's keys. */
export function pluginCachePrefix(pluginName: string): string {
  return `plugin:${pluginName.replaceAll('%', '%25').replaceAll(':', '%3A')}:`;
}

/** The `ctx.cache` a plugin receives: the process's cache store, seen through `plugin:<name>:`. */
export function pluginCache(store: CacheStore, pluginName: string): Cache {
  const prefix = pluginCachePrefix(pluginName);
  return {
    get: <T>(key: string) => store.get<T>(prefix + key),
    set: (key, value, ttlMs) => store.set(prefix + key, value, ttlMs),
    delete: (key) => store.delete(prefix + key),
  };
}
