import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-triggers-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > end) return value;
    await sleep(100);
  }
}

describe('triggers with two server processes on one Postgres', () => {
  it('serve a webhook activated on the other process, fire an event trigger once, and fail over when the leader dies', async () => {
    const database = await createTestDatabase();
    const env = (name: string) => ({ DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_WORKER_CONCURRENCY: '2' });
    const a: ServerProcess = await startServer(env('a'));
    const b: ServerProcess = await startServer(env('b'));
    const headers = { authorization: `Bearer ${await loginAsOwner(a.url)}`, 'content-type': 'application/json' };
    const call = (server: ServerProcess, path: string, method = 'GET', body?: object) =>
      fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const steps = [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }];
    try {
      const hook = (await (await call(a, '/api/v3/workflows', 'POST', { name: 'Hook', trigger: { type: 'webhook', path: 'shared' }, steps })).json()) as { id: string };
      expect((await call(a, `/api/v3/workflows/${hook.id}`, 'PATCH', { active: true })).status).toBe(200);
      const onB = await eventually(() => fetch(`${b.url}/webhook/shared`, { method: 'POST' }).then((r) => r.status), (status) => status === 202);
      expect(onB).toBe(202);
      await call(a, `/api/v3/workflows/${hook.id}`, 'PATCH', { active: false });
      expect(await eventually(() => fetch(`${b.url}/webhook/shared`, { method: 'POST' }).then((r) => r.status), (status) => status === 404)).toBe(404);

      const listener = (await (await call(a, '/api/v3/workflows', 'POST', { name: 'On ping', trigger: { type: 'event', event: 'external.ping' }, steps })).json()) as { id: string };
      await call(a, `/api/v3/workflows/${listener.id}`, 'PATCH', { active: true });
      await sleep(500);
      const runs = async () => ((await (await call(a, `/api/v3/workflows/${listener.id}/executions`)).json()) as { items: unknown[] }).items.length;
      for (const server of [a, b, b]) await call(server, '/api/v3/events', 'POST', { type: 'ping', data: {} });
      await eventually(runs, (n) => n >= 3);
      await sleep(1_000);
      expect(await runs()).toBe(3);

      // The first process holds the leader lock; when it dies, the other takes the single-process triggers over.
      a.child.kill('SIGKILL');
      await new Promise((resolve) => a.child.once('exit', resolve));
      const fired = await eventually(async () => {
        await call(b, '/api/v3/events', 'POST', { type: 'ping', data: {} });
        await sleep(500);
        return ((await (await call(b, `/api/v3/workflows/${listener.id}/executions`)).json()) as { items: unknown[] }).items.length;
      }, (n) => n > 3, 20_000);
      expect(fired).toBeGreaterThan(3);
    } finally {
      if (a.child.exitCode === null) await stopServer(a.child);
      await stopServer(b.child);
      await database.drop();
    }
  }, 90_000);
});
