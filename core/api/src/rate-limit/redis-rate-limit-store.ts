import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/** Rate-limit counters in Redis (`REDIS_URL`), so every process sharing it counts together. */
export interface RedisRateLimitStore {
  /** A store whose keys start with `keyPrefix` + `prefix`. */
  store(prefix: string): Store;
  close(): Promise<void>;
}

export function createRedisRateLimitStore(url: string, keyPrefix = ''): RedisRateLimitStore {
  const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  const sendCommand = (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>;
  return {
    store: (prefix) => new RedisStore({ sendCommand, prefix: keyPrefix + prefix }),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
