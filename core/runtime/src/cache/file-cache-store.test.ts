import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileCacheStore } from './file-cache-store.js';
import { describeCacheStore } from './test-support/cache-store-behaviour.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-file-cache-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function manualClock() {
  let now = Date.UTC(2026, 0, 1);
  return { now: () => now, advance: async (ms: number) => void (now += ms) };
}

describeCacheStore('file', async ({ defaultTtlMs }) => {
  const clock = manualClock();
  return { store: await createFileCacheStore({ dir: freshDir(), maxBytes: 1024 * 1024, defaultTtlMs, now: clock.now }), advance: clock.advance };
});

const fileName = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;

describe('file cache store: files on disk', () => {
  it('writes one file per key, named by the SHA-256 of the key, holding the key and its expiry', async () => {
    const dir = freshDir();
    const clock = manualClock();
    const store = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0, now: clock.now });
    await store.set('ai:abc', { text: 'hi' }, 1_000);
    expect(readdirSync(dir)).toEqual([fileName('ai:abc')]);
    const [header, value] = readFileSync(join(dir, fileName('ai:abc')), 'utf8').split('\n');
    expect(JSON.parse(header!)).toEqual({ key: 'ai:abc', expires_at: clock.now() + 1_000 });
    expect(JSON.parse(value!)).toEqual({ text: 'hi' });
  });

  it('keeps entries and their TTLs across a new store on the same folder', async () => {
    const dir = freshDir();
    const clock = manualClock();
    const first = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0, now: clock.now });
    await first.set('kept', [1, 2]);
    await first.set('short', 'x', 100);
    await first.close();
    await clock.advance(200);
    const second = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0, now: clock.now });
    expect(await second.get('kept')).toEqual([1, 2]);
    expect(await second.get('short')).toBeUndefined();
    expect(await second.stats()).toMatchObject({ size: 1, hits: 1, misses: 1 });
  });

  it('evicts the least recently used files once the folder passes maxBytes', async () => {
    const dir = freshDir();
    const value = 'x'.repeat(200);
    const store = await createFileCacheStore({ dir, maxBytes: 800, defaultTtlMs: 0 });
    await store.set('a', value);
    await store.set('b', value);
    await store.set('c', value);
    await store.get('a');
    await store.set('d', value);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(value);
    const stats = await store.stats();
    expect(stats).toMatchObject({ evictions: 1, size: 3 });
    expect(stats.bytes).toBeLessThanOrEqual(800);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('after a restart, evicts the oldest files first when the folder is over a smaller limit', async () => {
    const dir = freshDir();
    const value = 'x'.repeat(200);
    const first = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0 });
    for (const [age, key] of ['old', 'mid', 'new'].entries()) {
      await first.set(key, value);
      const written = new Date(Date.UTC(2026, 0, 1, 0, age));
      utimesSync(join(dir, fileName(key)), written, written);
    }
    const second = await createFileCacheStore({ dir, maxBytes: 600, defaultTtlMs: 0 });
    expect(await second.get('old')).toBeUndefined();
    expect(await second.get('mid')).toBe(value);
    expect(await second.get('new')).toBe(value);
  });

  it('never leaves a torn entry: concurrent writes of one key end as one whole value and no temp files', async () => {
    const dir = freshDir();
    const store = await createFileCacheStore({ dir, maxBytes: 10_000_000, defaultTtlMs: 0 });
    const values = Array.from({ length: 20 }, (_, i) => ({ writer: i, body: String(i).repeat(20_000) }));
    await Promise.all(values.map((value) => store.set('contended', value)));
    const read = await store.get<{ writer: number; body: string }>('contended');
    expect(values).toContainEqual(read);
    expect(readdirSync(dir)).toEqual([fileName('contended')]);
    expect((await store.stats()).size).toBe(1);
  });

  it('on open, removes temp files left by a crash and entries it cannot parse', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, `${fileName('x')}.abc123.tmp`), '{"key":"x","expi');
    writeFileSync(join(dir, fileName('torn')), 'not json at all');
    const store = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0 });
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.get('torn')).toBeUndefined();
    expect((await store.stats()).size).toBe(0);
  });

  it('sees an entry another store instance wrote to the same folder after it opened', async () => {
    const dir = freshDir();
    const reader = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0 });
    const writer = await createFileCacheStore({ dir, maxBytes: 10_000, defaultTtlMs: 0 });
    await writer.set('shared', 'yes');
    expect(await reader.get('shared')).toBe('yes');
    expect(await reader.clear()).toBe(1);
  });
});
