import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { AUTH, fakeDeps } from '../test-support/fake-deps.js';
import { createRedisRateLimitStore, type RedisRateLimitStore } from './redis-rate-limit-store.js';

describe('rate limits', () => {
  it('answers 429 with Retry-After and the error shape past the per-address limit, and audits it', async () => {
    const { deps } = fakeDeps({ rateLimits: { windowMs: 60_000, perIp: 3, perUser: 0, auth: 0 } });
    const app = createApp(deps);
    for (let i = 0; i < 3; i++) expect((await request(app).get('/api/v3/plugins').set(AUTH)).status).toBe(200);
    const limited = await request(app).get('/api/v3/plugins').set(AUTH);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { limiter: 'ip' } });
    expect((deps.auth as unknown as { entries: { action: string }[] }).entries.at(-1)).toMatchObject({ action: 'security.rate_limited' });
    expect((await request(app).get('/health')).status).toBe(200);
  });

  it('counts per user after authentication', async () => {
    const { deps } = fakeDeps({ rateLimits: { windowMs: 60_000, perIp: 0, perUser: 2, auth: 0 } });
    const app = createApp(deps);
    expect((await request(app).get('/api/v3/plugins').set(AUTH)).status).toBe(200);
    expect((await request(app).get('/api/v3/plugins').set(AUTH)).status).toBe(200);
    const limited = await request(app).get('/api/v3/plugins').set(AUTH);
    expect(limited.status).toBe(429);
    expect(limited.body.error.details.limiter).toBe('user');
  });
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const available = await redisAnswers();
if (!available && process.env.CI !== 'true') process.stderr.write(`rate-limits.test: no Redis at ${redisUrl}; skipping the shared-store test (set CI=true to require it)\n`);

describe.runIf(available || process.env.CI === 'true')('rate limits in Redis', () => {
  let a: RedisRateLimitStore;
  let b: RedisRateLimitStore;
  const prefix = `dwc-test-${randomBytes(6).toString('hex')}:`;
  beforeAll(() => {
    a = createRedisRateLimitStore(redisUrl, prefix);
    b = createRedisRateLimitStore(redisUrl, prefix);
  });
  afterAll(async () => {
    const cleanup = new Redis(redisUrl);
    const keys = await cleanup.keys(`${prefix}*`);
    if (keys.length > 0) await cleanup.del(...keys);
    cleanup.disconnect();
    await a.close();
    await b.close();
  });

  it('shares counts between two processes\' apps', async () => {
    const first = createApp(fakeDeps({ rateLimits: { windowMs: 60_000, perIp: 4, perUser: 0, auth: 0, store: a.store } }).deps);
    const second = createApp(fakeDeps({ rateLimits: { windowMs: 60_000, perIp: 4, perUser: 0, auth: 0, store: b.store } }).deps);
    for (const app of [first, second, first, second]) expect((await request(app).get('/api/v3/plugins').set(AUTH)).status).toBe(200);
    const limited = await request(first).get('/api/v3/plugins').set(AUTH);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
