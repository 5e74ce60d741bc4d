import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Polls until `check` holds or the time is up. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > end) return value;
    await sleep(100);
  }
}

describe.each(['sqlite', 'postgres'] as const)('trigger plugins inside the runtime on %s', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let watched: string;
  let auth: { authorization: string };
  let feed: Server;
  let feedUrl = '';
  let items: object[] = [];

  const open = async (): Promise<void> => {
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_DENY_PRIVATE_NETWORKS: 'false', DWC_WATCH_ROOTS: watched, ...ownerEnv, ...noRateLimitEnv },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-plugin-triggers-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    watched = join(dir, 'inbox');
    mkdirSync(watched);
    feed = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(items)));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/items`;
    await open();
  });
  afterAll(async () => {
    await runtime.close();
    await new Promise<void>((resolve) => feed.close(() => resolve()));
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const echo = [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }];
  const activate = async (trigger: object): Promise<string> => {
    const created = await request(app).post('/api/v3/workflows').set(auth).send({ name: `On ${JSON.stringify(trigger)}`.slice(0, 200), trigger, steps: echo });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const patched = await request(app).patch(`/api/v3/workflows/${created.body.id}`).set(auth).send({ active: true });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await runtime.triggers.settled();
    return created.body.id as string;
  };
  const runsOf = async (workflowId: string) => (await request(app).get(`/api/v3/workflows/${workflowId}/executions`).set(auth)).body.items as { id: string; input: Record<string, unknown> }[];

  it('lists the plugin trigger types for forms', async () => {
    const types = (await request(app).get('/api/v3/triggers').set(auth)).body.items.map((t: { type: string }) => t.type);
    expect(types).toEqual(expect.arrayContaining(['event', 'data_change', 'threshold', 'file_watch']));
  });

  it('fires an event trigger from POST /api/v3/events when its match and condition hold', async () => {
    const id = await activate({ type: 'event', event: 'external.content_request', match: { 'data.topic': 'news' }, condition: 'input.payload.data.words > 100' });
    await request(app).post('/api/v3/events').set(auth).send({ type: 'content_request', data: { topic: 'sport', words: 500 } });
    await request(app).post('/api/v3/events').set(auth).send({ type: 'content_request', data: { topic: 'news', words: 5 } });
    await request(app).post('/api/v3/events').set(auth).send({ type: 'content_request', data: { topic: 'news', words: 500 } });
    const runs = await eventually(() => runsOf(id), (r) => r.length >= 1);
    await sleep(300);
    expect(await runsOf(id)).toHaveLength(1);
    expect(runs[0]!.input).toMatchObject({ type: 'external.content_request', payload: { data: { topic: 'news', words: 500 } } });
  });

  it('fires an event trigger when another workflow fails', async () => {
    const watcher = await activate({ type: 'event', event: 'execution.failed' });
    const failing = await request(app).post('/api/v3/workflows').set(auth).send({ name: 'Fails', steps: [{ id: 'bad', type: 'transform', input: { expression: '$error("boom")' } }] });
    await request(app).post(`/api/v3/workflows/${failing.body.id}/execute?wait=true`).set(auth).send({});
    const runs = await eventually(() => runsOf(watcher), (r) => r.length >= 1);
    expect(runs[0]!.input).toMatchObject({ type: 'execution.failed', payload: { workflow_id: failing.body.id } });
  });

  it('hands a dropped file to a run as a document', async () => {
    const id = await activate({ type: 'file_watch', folder: watched, patterns: ['*.txt'], debounce_ms: 100 });
    writeFileSync(join(watched, 'hello.txt'), 'hello there');
    const runs = await eventually(() => runsOf(id), (r) => r.length >= 1);
    const input = runs[0]!.input as { file: { name: string }; documents: string[] };
    expect(input.file.name).toBe('hello.txt');
    const document = await request(app).get(`/api/v3/documents/${input.documents[0]}`).set(auth);
    expect(document.body).toMatchObject({ title: 'hello.txt', content: 'hello there' });
  });

  it('refuses a file_watch folder outside DWC_WATCH_ROOTS at save', async () => {
    const refused = await request(app).post('/api/v3/workflows').set(auth).send({ name: 'Out', trigger: { type: 'file_watch', folder: tmpdir() }, steps: echo });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toHaveProperty(['trigger.folder']);
  });

  it('fires data_change once per new or changed item, and not again after a restart', async () => {
    items = [{ id: 1, v: 'a' }];
    const id = await activate({ type: 'data_change', url: feedUrl, interval_ms: 1_000 });
    await sleep(300); // the first poll remembers item 1
    items = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }];
    const runs = await eventually(() => runsOf(id), (r) => r.length >= 1);
    expect(runs.map((r) => r.input)).toEqual([{ item: { id: 2, v: 'b' }, id: '2', change: 'new' }]);

    await runtime.close();
    await open();
    await sleep(2_500); // two polls after the restart, same data
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('fires data_change for a document another workflow produced', async () => {
    const id = await activate({ type: 'data_change', source: 'documents', interval_ms: 1_000 });
    await sleep(300); // the first poll remembers the documents already there
    const writer = await request(app).post('/api/v3/workflows').set(auth).send({ name: 'Writes', steps: [{ id: 'doc', type: 'document.create', input: { title: 'Fresh', content: 'new text' } }] });
    await request(app).post(`/api/v3/workflows/${writer.body.id}/execute?wait=true`).set(auth).send({});
    const runs = await eventually(() => runsOf(id), (r) => r.length >= 1);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.input).toMatchObject({ change: 'new', item: { title: 'Fresh', workflow_id: writer.body.id } });
  });

  it('stops the triggers of a disabled plugin', async () => {
    const id = await activate({ type: 'event', event: 'external.ping' });
    expect((await request(app).post(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-trigger-event')}/disable`).set(auth).send({})).status).toBe(200);
    await runtime.triggers.settled();
    expect(runtime.triggers.list().some((t) => t.workflowId === id)).toBe(false);
    await request(app).post('/api/v3/events').set(auth).send({ type: 'ping', data: {} });
    await sleep(300);
    expect(await runsOf(id)).toHaveLength(0);
    expect((await request(app).patch(`/api/v3/workflows/${id}`).set(auth).send({ active: true })).body.error.code).toBe('trigger_unavailable');
    await request(app).post(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-trigger-event')}/enable`).set(auth).send({});
    await runtime.triggers.settled();
    await request(app).post('/api/v3/events').set(auth).send({ type: 'ping', data: {} });
    await eventually(() => runsOf(id), (r) => r.length >= 1);
    expect(await runsOf(id)).toHaveLength(1);
  });
});
