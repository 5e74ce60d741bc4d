import { join } from 'node:path';
import { ConfigError } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { DwcConfig } from '../config/settings.js';
import type { CacheStore } from './cache-store.js';
import { createFileCacheStore } from './file-cache-store.js';
import { createMemoryCacheStore } from './memory-cache-store.js';

export type CacheConfig = Pick<DwcConfig, 'cacheBackend' | 'cacheMaxBytes' | 'cacheTtlMs' | 'cacheDir' | 'cachePrefix' | 'redisUrl'>;

/**
 * The cache store the settings choose. The redis store starts even when Redis does not answer (it
 * logs a warning naming REDIS_URL and serves misses until Redis is back).
 */
export async function createCacheStore(config: CacheConfig, options: { logger: Logger; dataDir: string }): Promise<CacheStore> {
  switch (config.cacheBackend) {
    case 'memory':
      return createMemoryCacheStore({ maxBytes: config.cacheMaxBytes, defaultTtlMs: config.cacheTtlMs });
    case 'file':
      return createFileCacheStore({ dir: config.cacheDir ?? join(options.dataDir, 'cache'), maxBytes: config.cacheMaxBytes, defaultTtlMs: config.cacheTtlMs });
    case 'redis':
      if (config.redisUrl === undefined) throw new ConfigError('DWC_CACHE_BACKEND=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379).');
      // ioredis is loaded only when the redis backend is chosen.
      return (await import('./redis-cache-store.js')).createRedisCacheStore({ url: config.redisUrl, prefix: config.cachePrefix, defaultTtlMs: config.cacheTtlMs, logger: options.logger });
  }
}
