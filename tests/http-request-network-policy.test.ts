import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const HTTP_PLUGIN = '@dwc/plugin-action-http';

/** A local service, as Ollama or an internal API would be, counting the requests it gets. */
let local: Server;
let localUrl: string;
let hits = 0;
beforeAll(async () => {
  local = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"local":true}');
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => local.close(() => resolve())));

describe.each([
  ['team', 'postgres'],
  ['desktop', 'sqlite'],
] as const)('http.request on the %s shape (%s)', (shape, dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let scratch: ScratchDatabase | undefined;
  let auth = { authorization: '' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-ssrf-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const env = { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', ...ownerEnv, ...noRateLimitEnv };
    runtime = await createRuntime({ config: loadConfig({ env, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } }), logger: createLogger({ level: 'silent' }) });
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };
  });
  afterAll(async () => {
    await runtime.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Saves a one-step workflow calling `url` and runs it to the end. */
  async function call(url: string): Promise<{ status: string; error?: { code: string; message: string }; output?: unknown }> {
    const created = await request(app)
      .post('/api/v3/workflows')
      .set(auth)
      .send({ name: `call ${url}`, steps: [{ id: 'fetch', type: 'http.request', input: { url, timeout_ms: 5_000 } }] });
    expect(created.status).toBe(201);
    const run = await request(app).post(`/api/v3/workflows/${created.body.id as string}/execute?wait=true`).set(auth).send({});
    expect(run.status).toBe(200);
    return run.body as { status: string; error?: { code: string; message: string } };
  }

  const configure = (config: object) => request(app).put(`/api/v3/plugins/${encodeURIComponent(HTTP_PLUGIN)}/config`).set(auth).send(config);

  if (shape === 'team') {
    it('refuses the cloud metadata address by default, saying which setting refuses it', async () => {
      const run = await call('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
      expect(run).toMatchObject({ status: 'failed', error: { code: 'private_network_denied', message: expect.stringContaining('deny_private_networks') } });
    });

    it('refuses loopback by default, and reaches an internal host an admin allows while the metadata address stays refused', async () => {
      const before = hits;
      expect(await call(localUrl)).toMatchObject({ status: 'failed', error: { code: 'private_network_denied' } });
      expect(hits).toBe(before);
      expect((await configure({ allowed_private_hosts: ['127.0.0.1'] })).status).toBe(200);
      // What was stored reads back, so a settings form opens on it rather than empty.
      expect((await request(app).get(`/api/v3/plugins/${encodeURIComponent(HTTP_PLUGIN)}/config`).set(auth)).body).toEqual({ allowed_private_hosts: ['127.0.0.1'] });
      expect(await call(localUrl)).toMatchObject({ status: 'succeeded' });
      expect(hits).toBe(before + 1);
      expect(await call('http://169.254.169.254/latest/meta-data/')).toMatchObject({ status: 'failed', error: { code: 'private_network_denied' } });
    });
  } else {
    it('reaches a local service on loopback by default (Ollama, local tools)', async () => {
      const before = hits;
      expect(await call(localUrl)).toMatchObject({ status: 'succeeded' });
      expect(hits).toBe(before + 1);
    });

    it('refuses private networks once the plugin setting says so', async () => {
      expect((await request(app).get(`/api/v3/plugins/${encodeURIComponent(HTTP_PLUGIN)}/config`).set(auth)).body).toEqual({});
      expect((await configure({ deny_private_networks: true })).status).toBe(200);
      expect((await request(app).get(`/api/v3/plugins/${encodeURIComponent(HTTP_PLUGIN)}/config`).set(auth)).body).toEqual({ deny_private_networks: true });
      expect((await request(app).get(`/api/v3/plugins/${encodeURIComponent('@dwc/plugin-nope')}/config`).set(auth)).status).toBe(404);
      expect(await call('http://169.254.169.254/latest/meta-data/')).toMatchObject({ status: 'failed', error: { code: 'private_network_denied' } });
    });
  }
});
