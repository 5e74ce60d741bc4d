import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRuntime, loadConfig, sqlClientOf, verifyAuditChain, type Runtime } from '@dwc/runtime';
import type { DwcEvent } from '@dwc/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const TOKEN = 'audit-two-process-token-0123456789';
const MASTER_KEY = Buffer.alloc(32, 3).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'dwc-audit-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit log shared by two processes on one Postgres', () => {
  it('keeps one valid chain while both servers record requests at the same time', async () => {
    const database = await createTestDatabase();
    const env = (name: string) => ({ DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, DWC_API_TOKEN: TOKEN, DWC_MASTER_KEY: MASTER_KEY, DWC_WORKER_CONCURRENCY: '0' });
    const servers = [await startServer(env('a')), await startServer(env('b'))];
    try {
      const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${servers[i % 2]!.url}/api/v3/security/secrets/S${i}`, { method: 'PUT', headers, body: JSON.stringify({ value: `v${i}` }) }),
        ),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
    } finally {
      for (const server of servers) await stopServer(server.child);
    }
    const runtime = await createRuntime({
      config: loadConfig({ env: { ...env('check'), DWC_WORKER_CONCURRENCY: '0' }, cwd: dir }),
      logger: createLogger({ level: 'silent' }),
      workers: false,
    });
    try {
      // 200 requests, each recorded as `secret.set` by the vault and `http.request` by the middleware.
      expect(await verifyAuditChain(sqlClientOf(runtime.database))).toMatchObject({ ok: true, checked: 400 });
    } finally {
      await runtime.close();
      await database.drop();
    }
  });

  it('records a brute-force alert once, though the event reaches the other process too', async () => {
    const database = await createTestDatabase();
    const runtimes: Runtime[] = [];
    try {
      for (const name of ['x', 'y']) {
        const config = loadConfig({
          env: { DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, DWC_MASTER_KEY: MASTER_KEY, DWC_WORKER_CONCURRENCY: '0', DWC_ALERT_LOGIN_FAILURES_PER_USER: '3' },
          cwd: dir,
        });
        runtimes.push(await createRuntime({ config, logger: createLogger({ level: 'silent' }) }));
      }
      const [x, y] = runtimes as [Runtime, Runtime];
      const received = new Promise<DwcEvent>((resolve) => y.events.on('security.alert', resolve));
      for (let i = 0; i < 3; i++) await x.audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, ip: `198.51.100.${i}`, detail: { username: 'root' } });
      expect((await received).payload).toMatchObject({ kind: 'brute_force_user', username: 'root', count: 3 });
      await x.audit.flush();
      await y.audit.flush();
      expect((await y.audit.list({ action: 'security.alert' }, { limit: 10 })).items).toHaveLength(1);
    } finally {
      for (const runtime of runtimes) await runtime.close();
      await database.drop();
    }
  });
});
