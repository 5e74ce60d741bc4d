import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TriggerState } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataChangeSettingsSchema, pollOnce } from './data-change-trigger.js';

function memoryState(): TriggerState {
  const data = new Map<string, string>();
  return { get: async <V>(key: string) => (data.has(key) ? (JSON.parse(data.get(key)!) as V) : undefined), set: async (key, value) => void data.set(key, JSON.stringify(value)) };
}

const records = { recent: async () => [] };

describe('data_change polling a JSON source over HTTP', () => {
  let server: Server;
  let items: object[] = [];
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { items } })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fires once per new or changed item, and nothing for what it already saw, also after a restart', async () => {
    const settings = dataChangeSettingsSchema.parse({ url, items_path: 'data.items' });
    const state = memoryState();
    const emitted: Record<string, unknown>[] = [];
    const ctx = { records, state, signal: new AbortController().signal, log: console as never, emit: async (data: Record<string, unknown>) => (emitted.push(data), { executionId: 'x' }) };

    items = [{ id: 1, title: 'a' }, { id: 2, title: 'b' }];
    expect(await pollOnce(settings, ctx)).toBe(0); // the first poll only remembers what is there
    items = [{ id: 1, title: 'a' }, { id: 2, title: 'B' }, { id: 3, title: 'c' }];
    expect(await pollOnce(settings, ctx)).toBe(2);
    expect(emitted).toEqual([
      { item: { id: 2, title: 'B' }, id: '2', change: 'changed' },
      { item: { id: 3, title: 'c' }, id: '3', change: 'new' },
    ]);
    // A restart: a new poller on the same stored state, same data: nothing fires.
    const restarted = { ...ctx, emit: async () => { throw new Error('fired again after restart'); } };
    expect(await pollOnce(settings, restarted)).toBe(0);
  });

  it('fires for the items already there when emit_existing is set', async () => {
    items = [{ id: 'x', v: 1 }];
    const emitted: unknown[] = [];
    const ctx = { records, state: memoryState(), signal: new AbortController().signal, log: console as never, emit: async (data: Record<string, unknown>) => (emitted.push(data), { executionId: 'x' }) };
    await pollOnce(dataChangeSettingsSchema.parse({ url, items_path: 'data.items', emit_existing: true }), ctx);
    expect(emitted).toHaveLength(1);
  });

  it('fails the poll when the answer has no list where items_path says', async () => {
    const ctx = { records, state: memoryState(), signal: new AbortController().signal, log: console as never, emit: async () => undefined };
    await expect(pollOnce(dataChangeSettingsSchema.parse({ url, items_path: 'nope' }), ctx)).rejects.toThrow(/no list at "nope"/);
  });
});

describe('data_change watching stored records', () => {
  it('compares the latest documents or executions, oldest first, and fires for new ones and status changes', async () => {
    let latest: Record<string, unknown>[] = [{ id: 'e2', status: 'running' }, { id: 'e1', status: 'succeeded' }];
    const emitted: Record<string, unknown>[] = [];
    const ctx = {
      records: { recent: async (kind: string, limit: number) => (expect([kind, limit]).toEqual(['executions', 50]), latest.map((r) => ({ ...r }))) },
      state: memoryState(), signal: new AbortController().signal, log: console as never,
      emit: async (data: Record<string, unknown>) => (emitted.push(data), { executionId: 'x' }),
    };
    const settings = dataChangeSettingsSchema.parse({ source: 'executions', window: 50 });
    await pollOnce(settings, ctx);
    latest = [{ id: 'e3', status: 'queued' }, { id: 'e2', status: 'succeeded' }, { id: 'e1', status: 'succeeded' }];
    await pollOnce(settings, ctx);
    expect(emitted.map((e) => [e.id, e.change])).toEqual([['e2', 'changed'], ['e3', 'new']]);
  });

  it('needs a url for an http source', () => {
    expect(dataChangeSettingsSchema.safeParse({ source: 'http' }).success).toBe(false);
  });
});
