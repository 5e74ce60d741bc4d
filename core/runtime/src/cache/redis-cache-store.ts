import { UnavailableError } from '@dwc/sdk';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { effectiveTtl, encodeCacheValue } from './cache-value.js';
import type { CacheStats, CacheStore } from './cache-store.js';
import { redisLocation } from './redis-location.js';

export interface RedisCacheOptions {
  url: string;
  /** Every key the store writes starts with this (`dwc:cache:`); `clear()` and `size` see only these. */
  prefix: string;
  defaultTtlMs: number;
  logger: Logger;
  /** Longest wait for one command before it counts as failed (default 1 s). */
  commandTimeoutMs?: number;
  /** Longest wait for the first connection at start (default 2 s); the store starts anyway. */
  connectTimeoutMs?: number;
}

export interface RedisCacheStore extends CacheStore {
  /** Rejects with UnavailableError when Redis does not answer PING. */
  ping(): Promise<void>;
}

const SCAN_BATCH = 500;
const WARN_EVERY_MS = 30_000;

// GET and count the hit or miss in the shared stats hash, in one round trip.
const GET_COUNTED = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('HINCRBY', KEYS[2], 'hits', 1) else redis.call('HINCRBY', KEYS[2], 'misses', 1) end
return value`;

type CountedRedis = Redis & { dwcCacheGet(key: string, statsKey: string): Promise<string | null> };

/**
 * Redis through ioredis. Hits and misses are counted in a hash shared by every process using the
 * same prefix (`dwc-cache-stats:<prefix>`), so stats are totals; evictions are the server's own
 * `evicted_keys + expired_keys` (INFO, server-wide); size is a SCAN count of the keys under the
 * prefix. Commands never queue while Redis is away: a failed `get` is a miss and a failed `set` is
 * skipped (both log a warning naming REDIS_URL at most every 30 s); `delete`, `clear`, `stats` and
 * `ping` reject with UnavailableError.
 */
export async function createRedisCacheStore(options: RedisCacheOptions): Promise<RedisCacheStore> {
  const where = redisLocation(options.url);
  const log = options.logger.child({ component: 'cache', backend: 'redis' });
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    retryStrategy: (times) => Math.min(times * 250, 5_000),
  }) as CountedRedis;
  redis.defineCommand('dwcCacheGet', { numberOfKeys: 2, lua: GET_COUNTED });

  let lastWarning = 0;
  let suppressed = 0;
  const warn = (what: string, error: unknown) => {
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) {
      suppressed += 1;
      return;
    }
    log.warn({ err: error, suppressed }, `Redis cache at ${where} (REDIS_URL) failed to ${what}: ${(error as Error).message}; cache reads miss until it answers`);
    lastWarning = now;
    suppressed = 0;
  };
  redis.on('error', (error) => warn('connect', error));

  const unavailable = (error: unknown) =>
    new UnavailableError(`Redis cache at ${where} (REDIS_URL) is unavailable: ${(error as Error).message}`, { code: 'cache_unavailable', cause: error });
  const required = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw unavailable(error);
    }
  };

  const statsKey = `dwc-cache-stats:${options.prefix}`;
  const pattern = (prefix: string) => `${(options.prefix + prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
  const scan = async (prefix: string, batch: (keys: string[]) => Promise<void>) => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern(prefix), 'COUNT', SCAN_BATCH);
      cursor = next;
      if (keys.length > 0) await batch(keys);
    } while (cursor !== '0');
  };

  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      redis.connect().finally(() => clearTimeout(timer)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      }),
    ]);
  } catch (error) {
    log.warn({ err: error }, `Redis cache at ${where} (REDIS_URL) did not answer at start (${(error as Error).message}); serving without cache until it does`);
  }

  return {
    async get<T>(key: string) {
      let json: string | null;
      try {
        json = await redis.dwcCacheGet(options.prefix + key, statsKey);
      } catch (error) {
        warn('read', error);
        return undefined;
      }
      return json === null ? undefined : (JSON.parse(json) as T);
    },
    async set(key, value, ttlMs) {
      const json = encodeCacheValue(key, value);
      const ttl = effectiveTtl(ttlMs, options.defaultTtlMs);
      try {
        await (ttl === undefined ? redis.set(options.prefix + key, json) : redis.set(options.prefix + key, json, 'PX', ttl));
      } catch (error) {
        warn('write', error);
      }
    },
    async delete(key) {
      return (await required(() => redis.unlink(options.prefix + key))) > 0;
    },
    async clear(prefix = '') {
      let removed = 0;
      await required(() => scan(prefix, async (keys) => void (removed += await redis.unlink(...keys))));
      return removed;
    },
    async stats(): Promise<CacheStats> {
      return required(async () => {
        const [counters, info] = await Promise.all([redis.hgetall(statsKey), redis.info('stats')]);
        let size = 0;
        await scan('', async (keys) => void (size += keys.length));
        return {
          backend: 'redis',
          hits: Number(counters.hits ?? 0),
          misses: Number(counters.misses ?? 0),
          evictions: infoNumber(info, 'evicted_keys') + infoNumber(info, 'expired_keys'),
          size,
        };
      });
    },
    async ping() {
      await required(() => redis.ping());
    },
    async close() {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}

function infoNumber(info: string, field: string): number {
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  return match ? Number(match[1]) : 0;
}
