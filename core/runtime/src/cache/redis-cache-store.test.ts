import { UnavailableError } from '@dwc/sdk';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisCacheStore, type RedisCacheStore } from './redis-cache-store.js';
import { describeCacheStore } from './test-support/cache-store-behaviour.js';
import { redisForTests, uniquePrefix } from './test-support/redis-for-tests.js';
import { closedPort, startSilentServer, startTcpProxy } from './test-support/tcp-proxy.js';

const logs: { level: number; msg: string }[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line) as { level: number; msg: string }) });
const redisUrl = await redisForTests('redis cache store');
const opened: RedisCacheStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.clear().catch(() => undefined);
  await Promise.all(opened.map((store) => store.close()));
});

async function open(options: { url?: string; prefix?: string; defaultTtlMs?: number; commandTimeoutMs?: number } = {}): Promise<RedisCacheStore> {
  const store = await createRedisCacheStore({
    url: options.url ?? redisUrl!,
    prefix: options.prefix ?? uniquePrefix('redis-store'),
    defaultTtlMs: options.defaultTtlMs ?? 0,
    logger,
    commandTimeoutMs: options.commandTimeoutMs ?? 1_000,
    connectTimeoutMs: 500,
  });
  opened.push(store);
  return store;
}

if (redisUrl) {
  // Redis keeps the clock: TTL tests wait (tens of milliseconds).
  describeCacheStore('redis', async ({ defaultTtlMs }) => ({
    store: await open({ defaultTtlMs }),
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));
}

describe.skipIf(!redisUrl)('redis cache store: shared between processes', () => {
  it('lets two stores on one prefix (two processes) share entries and report the same totals', async () => {
    const prefix = uniquePrefix('two-processes');
    const a = await open({ prefix });
    const b = await open({ prefix });
    await a.set('ai:answer', { text: 42 });
    expect(await b.get('ai:answer')).toEqual({ text: 42 });
    await a.get('ai:answer');
    await b.get('ai:missing');
    const expected = { backend: 'redis', hits: 2, misses: 1, size: 1 };
    expect(await a.stats()).toMatchObject(expected);
    expect(await b.stats()).toMatchObject(expected);
    expect(await b.delete('ai:answer')).toBe(true);
    expect(await a.get('ai:answer')).toBeUndefined();
  });

  it('clears and counts only the keys under its own prefix', async () => {
    const mine = await open();
    const theirs = await open();
    await mine.set('k', 1);
    await theirs.set('k', 2);
    expect(await mine.clear()).toBe(1);
    expect(await theirs.get('k')).toBe(2);
    expect((await theirs.stats()).size).toBe(1);
  });

  it('clears more keys than one SCAN batch', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 1_200 }, (_, i) => store.set(`bulk:${i}`, i)));
    expect((await store.stats()).size).toBe(1_200);
    expect(await store.clear('bulk:')).toBe(1_200);
  });

  it('does not hang when Redis stops answering on an open connection', async () => {
    const { hostname, port } = new URL(redisUrl!);
    const proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    const store = await open({ url: `redis://127.0.0.1:${proxy.port}`, commandTimeoutMs: 200 });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    proxy.freeze();
    // A silent server: reads miss after the command timeout, admin calls fail with the setting's name.
    expect(await store.get('k')).toBeUndefined();
    await expect(store.stats()).rejects.toThrow(/Redis cache at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\) is unavailable/);
    await store.set('k2', 'v2');
    await proxy.close();
  });

  it('reconnects by itself when Redis comes back after the store started without it', async () => {
    const { hostname, port } = new URL(redisUrl!);
    const proxyPort = await closedPort();
    const store = await open({ url: `redis://127.0.0.1:${proxyPort}` });
    await expect(store.ping()).rejects.toBeInstanceOf(UnavailableError);
    const proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) }, proxyPort);
    let answered = false;
    for (let attempt = 0; attempt < 100 && !answered; attempt += 1) {
      answered = await store.ping().then(() => true, () => false);
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered).toBe(true);
    await store.set('back', 'yes');
    expect(await store.get('back')).toBe('yes');
    await store.clear();
    await store.close();
    await proxy.close();
  });
});

describe('redis cache store: when Redis is not there', () => {
  it('starts anyway, reads miss, writes are skipped, and admin calls name REDIS_URL without its password', async () => {
    const port = await closedPort();
    const store = await open({ url: `redis://dwc:hunter2@127.0.0.1:${port}` });
    expect(await store.get('k')).toBeUndefined();
    await expect(store.set('k', 1)).resolves.toBeUndefined();
    for (const call of [() => store.stats(), () => store.delete('k'), () => store.clear(), () => store.ping()]) {
      const error = await call().then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ code: 'cache_unavailable', message: expect.stringContaining(`Redis cache at redis://127.0.0.1:${port} (REDIS_URL) is unavailable`) });
      expect((error as Error).message).not.toContain('hunter2');
    }
    const warning = logs.find((line) => line.msg.includes(`127.0.0.1:${port}`));
    expect(warning).toMatchObject({ level: 40 });
    expect(warning?.msg).toContain('(REDIS_URL)');
    expect(JSON.stringify(logs)).not.toContain('hunter2');
  });

  it('does not hang on a server that accepts connections and never answers', async () => {
    const silent = await startSilentServer();
    const store = await open({ url: `redis://127.0.0.1:${silent.port}`, commandTimeoutMs: 200 });
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', 1);
    await expect(store.ping()).rejects.toBeInstanceOf(UnavailableError);
    await store.close();
    await silent.close();
  });
});
