import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectiveTtl, encodeCacheValue } from './cache-value.js';
import type { CacheStats, CacheStore } from './cache-store.js';

export interface FileCacheOptions {
  /** Folder holding one file per key; created when missing. */
  dir: string;
  /** Total bytes of the entry files; the least recently used go first. */
  maxBytes: number;
  defaultTtlMs: number;
  /** Clock for TTLs (epoch milliseconds); tests move it instead of sleeping. */
  now?: () => number;
}

interface Entry {
  key: string;
  bytes: number;
  expiresAt: number | null;
}

interface Header {
  key: string;
  expires_at: number | null;
}

const ENTRY = /^[0-9a-f]{64}\.json$/;

/**
 * One file per key in `dir`, named by the key's SHA-256: a JSON header line (`key`, `expires_at`)
 * then the value's JSON. Writes go to a temporary file renamed into place, so a reader (or a crash)
 * never sees half an entry. An in-process index (loaded from the folder at start, oldest file
 * first) tracks sizes and recency; when the total passes `maxBytes` the least recently used files
 * are removed. Several processes may share the folder; each bounds only what it wrote or read.
 */
export async function createFileCacheStore(options: FileCacheOptions): Promise<CacheStore> {
  const now = options.now ?? Date.now;
  const counts = { hits: 0, misses: 0, evictions: 0 };
  // Insertion order is recency order: the first entry is the least recently used.
  const index = new Map<string, Entry>();
  let totalBytes = 0;
  await mkdir(options.dir, { recursive: true });

  const fileOf = (name: string) => join(options.dir, name);
  const nameOf = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;
  const track = (name: string, entry: Entry | undefined) => {
    const old = index.get(name);
    if (old) {
      totalBytes -= old.bytes;
      index.delete(name);
    }
    if (entry) {
      totalBytes += entry.bytes;
      index.set(name, entry);
    }
  };
  const remove = async (name: string): Promise<boolean> => {
    track(name, undefined);
    try {
      await unlink(fileOf(name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };
  const expired = (entry: Entry) => entry.expiresAt !== null && entry.expiresAt <= now();
  const evict = async (name: string) => {
    counts.evictions += 1;
    await remove(name);
  };
  const evictOverflow = async () => {
    while (totalBytes > options.maxBytes) {
      const oldest = index.keys().next();
      if (oldest.done) break;
      await evict(oldest.value);
    }
  };
  const readEntry = async (name: string): Promise<{ entry: Entry; json: string } | undefined> => {
    let content: string;
    try {
      content = await readFile(fileOf(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const newline = content.indexOf('\n');
    try {
      if (newline < 0) throw new Error('no header line');
      const header = JSON.parse(content.slice(0, newline)) as Header;
      if (typeof header.key !== 'string') throw new Error('no key');
      return { entry: { key: header.key, bytes: Buffer.byteLength(content), expiresAt: header.expires_at ?? null }, json: content.slice(newline + 1) };
    } catch {
      // Not written by this store (renames are atomic): drop it rather than fail every read.
      await remove(name);
      return undefined;
    }
  };
  /** Rebuilds the index from the folder, oldest file first; drops expired entries and stray temp files. */
  const loadIndex = async () => {
    const names = await readdir(options.dir);
    const found: { name: string; entry: Entry; mtime: number }[] = [];
    for (const name of names) {
      if (name.endsWith('.tmp')) {
        await unlink(fileOf(name)).catch(() => undefined);
        continue;
      }
      if (!ENTRY.test(name)) continue;
      const [read, info] = await Promise.all([readEntry(name), stat(fileOf(name)).catch(() => undefined)]);
      if (!read || !info) continue;
      if (expired(read.entry)) await remove(name);
      else found.push({ name, entry: read.entry, mtime: info.mtimeMs });
    }
    index.clear();
    totalBytes = 0;
    for (const { name, entry } of found.sort((a, b) => a.mtime - b.mtime)) track(name, entry);
  };

  await loadIndex();
  await evictOverflow();

  return {
    async get<T>(key: string) {
      const name = nameOf(key);
      const read = await readEntry(name);
      if (!read || read.entry.key !== key) {
        if (!read) track(name, undefined);
        counts.misses += 1;
        return undefined;
      }
      if (expired(read.entry)) {
        await evict(name);
        counts.misses += 1;
        return undefined;
      }
      track(name, read.entry);
      counts.hits += 1;
      return JSON.parse(read.json) as T;
    },
    async set(key, value, ttlMs) {
      const json = encodeCacheValue(key, value);
      const ttl = effectiveTtl(ttlMs, options.defaultTtlMs);
      const header: Header = { key, expires_at: ttl === undefined ? null : now() + ttl };
      const content = `${JSON.stringify(header)}\n${json}`;
      const name = nameOf(key);
      const bytes = Buffer.byteLength(content);
      if (bytes > options.maxBytes) {
        await remove(name);
        return;
      }
      const temp = fileOf(`${name}.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(temp, content);
      await rename(temp, fileOf(name));
      track(name, { key, bytes, expiresAt: header.expires_at });
      await evictOverflow();
    },
    async delete(key) {
      return remove(nameOf(key));
    },
    async clear(prefix = '') {
      await loadIndex();
      let removed = 0;
      for (const [name, entry] of [...index]) {
        if (entry.key.startsWith(prefix) && (await remove(name))) removed += 1;
      }
      return removed;
    },
    async stats(): Promise<CacheStats> {
      for (const [name, entry] of [...index]) if (expired(entry)) await evict(name);
      return { backend: 'file', ...counts, size: index.size, bytes: totalBytes };
    },
    async close() {
      index.clear();
      totalBytes = 0;
    },
  };
}
