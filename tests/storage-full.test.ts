import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import type BetterSqlite3 from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from '../bench/lib/server-process.js';

// SQLite refuses to grow a database past `PRAGMA max_page_count` with SQLITE_FULL, the same error
// a full disk gives, so a normal folder stands in for a full one without a tiny filesystem.
describe('a full data folder (SQLite: SQLITE_FULL)', () => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let dataDir: string;
  let sqlite: BetterSqlite3.Database;
  let auth: { authorization: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-full-'));
    dataDir = join(dir, 'data');
    const config = loadConfig({
      env: { DWC_DATA_DIR: dataDir, DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '1', ...ownerEnv, ...noRateLimitEnv },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    app = createApp(composeApiDeps(runtime));
    const login = await request(app).post('/api/v3/auth/login').send({ username: TEST_OWNER.email, password: TEST_OWNER.password });
    auth = { authorization: `Bearer ${login.body.access_token as string}` };
    sqlite = (runtime.database.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bigWorkflow = (name: string) => ({
    name,
    steps: [{ id: 'shape', type: 'transform', input: { expression: 'data', data: 'x'.repeat(300_000) } }],
  });
  const fillUp = () => sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  const makeRoom = () => sqlite.pragma('max_page_count = 1073741823');
  const workflowNames = async () => ((await request(app).get('/api/v3/workflows').set(auth)).body.items as { name: string }[]).map((w) => w.name);

  it('answers 507 storage_full naming the data folder, saves nothing, and readiness reports it until there is room again', async () => {
    expect((await request(app).get('/api/v3/health')).body.checks).toContainEqual(expect.objectContaining({ name: 'database', status: 'ok' }));
    fillUp();

    const refused = await request(app).post('/api/v3/workflows').set(auth).send(bigWorkflow('Too big for the disk'));
    expect(refused.status).toBe(507);
    expect(refused.body.error.code).toBe('storage_full');
    expect(refused.body.error.message).toContain(`The data folder ${dataDir} is full, so nothing was saved`);
    expect(refused.body.error.message).toContain('Free space on its disk (or point DWC_DATA_DIR at a larger one)');
    expect(refused.body.error.details).toMatchObject({ folder: dataDir, reason: expect.stringContaining('full') });
    expect(await workflowNames()).not.toContain('Too big for the disk');

    const ready = await request(app).get('/api/v3/health');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('down');
    const database = (ready.body.checks as { name: string; status: string; detail?: string }[]).find((check) => check.name === 'database');
    expect(database).toMatchObject({ status: 'down', detail: expect.stringContaining(`The data folder ${dataDir} is full`) });
    // Still full: the next probe fails again.
    expect((await request(app).get('/api/v3/health')).status).toBe(503);

    // A write through TypeORM (plugin settings) is answered the same way.
    const hosts = Array.from({ length: 4000 }, (_, i) => `host-${i}-${'a'.repeat(40)}.example.com`);
    const settings = await request(app).put('/api/v3/plugins/@dwc%2Fplugin-action-http/config').set(auth).send({ allowed_hosts: hosts });
    expect(settings.status).toBe(507);
    expect(settings.body.error.code).toBe('storage_full');

    makeRoom();
    const recovered = await request(app).get('/api/v3/health');
    expect(recovered.status).toBe(200);
    expect(recovered.body.checks).toContainEqual(expect.objectContaining({ name: 'database', status: 'ok' }));
    const saved = await request(app).post('/api/v3/workflows').set(auth).send(bigWorkflow('Fits now'));
    expect(saved.status).toBe(201);
    expect(await workflowNames()).toEqual(expect.arrayContaining(['Fits now']));
    expect(await workflowNames()).not.toContain('Too big for the disk');
  });
});
