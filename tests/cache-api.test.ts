import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisForTests, uniquePrefix } from '../core/runtime/src/cache/test-support/redis-for-tests.js';

const TOKEN = 'cache-api-test-token-0123456789abc';
const auth = { authorization: `Bearer ${TOKEN}` };
const redisUrl = await redisForTests('cache routes on redis');

const backends = [
  { backend: 'memory', env: {} },
  { backend: 'file', env: { DWC_CACHE_BACKEND: 'file' } },
  ...(redisUrl ? [{ backend: 'redis', env: { DWC_CACHE_BACKEND: 'redis', REDIS_URL: redisUrl, DWC_CACHE_PREFIX: uniquePrefix('cache-api') } }] : []),
];

describe.each(backends)('/api/v3/advanced/cache on the $backend backend', ({ backend, env }) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-cache-api-'));
    const config = loadConfig({ env: { DWC_API_TOKEN: TOKEN, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '0', ...env }, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    app = createApp(composeApiDeps(runtime));
  });
  afterAll(async () => {
    await runtime.cache.clear();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // First in the file: the counters start at zero with the runtime.
  it('reports the backend, hits, misses, hit rate and size of the runtime cache', async () => {
    await runtime.cache.set('ai:one', { text: 'hello' });
    await runtime.cache.get('ai:one');
    await runtime.cache.get('ai:none');
    const res = await request(app).get('/api/v3/advanced/cache/stats').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ backend, hits: 1, misses: 1, hit_rate: 0.5, size: 1, evictions: expect.any(Number) });
  });

  it('deletes one key given URL-encoded, with colons and slashes, and answers 404 once it is gone', async () => {
    await runtime.cache.set('plugin:p:a/b', 1);
    await runtime.cache.set('ai:raw', 2);
    expect((await request(app).delete(`/api/v3/advanced/cache/keys/${encodeURIComponent('plugin:p:a/b')}`).set(auth)).status).toBe(204);
    expect(await runtime.cache.get('plugin:p:a/b')).toBeUndefined();
    expect((await request(app).delete('/api/v3/advanced/cache/keys/ai:raw').set(auth)).status).toBe(204);
    const again = await request(app).delete('/api/v3/advanced/cache/keys/ai:raw').set(auth);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 'cache_key_not_found', message: 'No cache entry with key "ai:raw".' });
  });

  it('clears the keys under a prefix, then everything, returning how many went', async () => {
    await runtime.cache.clear();
    for (const key of ['ai:1', 'ai:2', 'plugin:x:1']) await runtime.cache.set(key, key);
    const some = await request(app).post('/api/v3/advanced/cache/clear').set(auth).send({ prefix: 'ai:' });
    expect(some.body).toEqual({ removed: 2 });
    expect(await runtime.cache.get('plugin:x:1')).toBe('plugin:x:1');
    const rest = await request(app).post('/api/v3/advanced/cache/clear').set(auth);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({ removed: 1 });
  });

  it('refuses a bad clear body with 400 and removes nothing', async () => {
    await runtime.cache.set('ai:kept', 1);
    for (const body of [{ prefix: 5 }, { prefix: '' }, { prefx: 'ai:' }]) {
      const res = await request(app).post('/api/v3/advanced/cache/clear').set(auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect(await runtime.cache.get('ai:kept')).toBe(1);
  });

  it('needs a token', async () => {
    expect((await request(app).get('/api/v3/advanced/cache/stats')).status).toBe(401);
    expect((await request(app).post('/api/v3/advanced/cache/clear')).status).toBe(401);
  });

  it('reports the cache backend in readiness', async () => {
    const res = await request(app).get('/api/v3/health');
    expect(res.body.checks).toContainEqual(expect.objectContaining({ name: 'cache', status: 'ok', detail: backend }));
  });
});

describe('/api/v3/advanced/cache when Redis is down', () => {
  it('serves misses, reports readiness degraded naming REDIS_URL, and answers stats with 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-cache-down-'));
    const config = loadConfig({ env: { DWC_API_TOKEN: TOKEN, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '0', DWC_CACHE_BACKEND: 'redis', REDIS_URL: 'redis://127.0.0.1:1' }, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } });
    const runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    try {
      const app = createApp(composeApiDeps(runtime));
      expect(await runtime.cache.get('ai:x')).toBeUndefined();
      const ready = await request(app).get('/api/v3/health');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.checks).toContainEqual(expect.objectContaining({ name: 'cache', status: 'degraded', detail: expect.stringContaining('(REDIS_URL)') }));
      const stats = await request(app).get('/api/v3/advanced/cache/stats').set(auth);
      expect(stats.status).toBe(503);
      expect(stats.body.error).toMatchObject({ code: 'cache_unavailable', message: expect.stringContaining('Redis cache at redis://127.0.0.1:1 (REDIS_URL) is unavailable') });
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
