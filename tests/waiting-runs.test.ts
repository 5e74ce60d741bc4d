import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';

/** An upstream that holds every request open until `release()`: a run waiting on I/O. */
async function heldUpstream() {
  const held: ServerResponse[] = [];
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server: Server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    held.push(res);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`,
    firstArrived,
    release: () => {
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a run whose caller waits for it', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serverWith(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-waiting-runs-'));
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '1', ...ownerEnv, ...noRateLimitEnv, ...env },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    const runtime: Runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => runtime.close());
    const app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    const auth = { authorization: `Bearer ${login.body.access_token as string}` };
    const post = (path: string, body: object) => request(app).post(path).set(auth).send(body);
    const upstream = await heldUpstream();
    cleanups.push(() => upstream.close(), () => upstream.release());
    const slow = (await post('/api/v3/workflows', { name: 'slow', steps: [{ id: 'call', type: 'http.request', input: { url: upstream.url } }] })).body as { id: string };
    const quick = (await post('/api/v3/workflows', { name: 'quick', steps: [{ id: 'double', type: 'transform', input: { expression: 'n * 2', data: '{{ input }}' } }] })).body as { id: string };
    // The slow run takes the only worker slot and waits on the upstream.
    const background = await post(`/api/v3/workflows/${slow.id}/execute`, {});
    expect(background.status).toBe(202);
    await upstream.firstArrived;
    return { post, upstream, quick, slow, backgroundId: background.body.id as string, get: (path: string) => request(app).get(path).set(auth) };
  }

  it('runs at once on its own request while every worker slot is held by a run waiting on I/O', async () => {
    const server = await serverWith({});
    const run = await server.post(`/api/v3/workflows/${server.quick.id}/execute?wait=true&timeout_ms=10000`, { n: 21 });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'succeeded', output: { result: 42 } });

    server.upstream.release();
    await expect.poll(async () => (await server.get(`/api/v3/workflows/executions/${server.backgroundId}`)).body.status, { timeout: 10_000 }).toBe('succeeded');
  });

  it('queues behind the worker slots when DWC_WAITING_RUN_CONCURRENCY is 0, and runs once a slot frees', async () => {
    const server = await serverWith({ DWC_WAITING_RUN_CONCURRENCY: '0' });
    const run = await server.post(`/api/v3/workflows/${server.quick.id}/execute?wait=true&timeout_ms=300`, { n: 21 });
    expect(run.status).toBe(202);
    expect(run.body.status).toBe('queued');

    server.upstream.release();
    await expect.poll(async () => (await server.get(`/api/v3/workflows/executions/${run.body.id as string}`)).body.status, { timeout: 10_000 }).toBe('succeeded');
  });
});
