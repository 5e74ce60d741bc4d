import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { startHitCounter } from './support/hit-counter.js';
import { until } from './support/until.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

// A run started by a request that waits for its result (a `when_finished` webhook) runs at once on
// that request, without a queue claim. Killed mid-way, it must still be resumed: on Postgres by
// the other process once the lease lapses, on SQLite (no job row) by the next start.
const dir = mkdtempSync(join(tmpdir(), 'dwc-waiting-run-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Execution {
  id: string;
  status: string;
  steps: { id: string; status: string; attempts: number }[];
}

/** A restarted server, or the other process taking over a lease, can take longer than `until`'s default. */
const RESUME_TIMEOUT_MS = 20_000;

describe.each(['sqlite', 'postgres'] as const)('a run a webhook caller waits for, killed mid-way (%s)', (dialect) => {
  it('is resumed elsewhere from its last committed step, each side effect happening once', { timeout: 120_000 }, async () => {
    const receiver = await startHitCounter();
    const scratch: ScratchDatabase | undefined = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const env = (name: string) => ({
      DWC_DATA_DIR: join(dir, dialect, name), DATABASE_URL: scratch?.url ?? '', ...ownerEnv, ...noRateLimitEnv, DWC_JOB_LEASE_MS: '2000',
      // The receiver is on loopback, which a team server (Postgres) refuses by default.
      DWC_DENY_PRIVATE_NETWORKS: 'false',
    });
    const servers: ServerProcess[] = [await startServer(env('a'))];
    if (dialect === 'postgres') servers.push(await startServer(env('b')));
    const [first] = servers as [ServerProcess];
    const headers = { authorization: `Bearer ${await loginAsOwner(first.url)}`, 'content-type': 'application/json' };
    const api = async <T>(server: ServerProcess, path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, { ...init, headers });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    try {
      const workflow = await api<{ id: string }>(first, '/api/v3/workflows', {
        method: 'POST',
        body: JSON.stringify({
          name: 'waited for',
          trigger: { type: 'webhook', path: 'crash-me', method: 'POST', respond: 'when_finished', timeout_ms: 30_000 },
          steps: [
            { id: 'before', type: 'http.request', input: { url: `${receiver.url}/before/{{ execution.id }}`, method: 'POST' } },
            { id: 'pause', type: 'delay', input: { duration_ms: 1500 } },
            { id: 'after', type: 'http.request', input: { url: `${receiver.url}/after/{{ execution.id }}`, method: 'POST' } },
          ],
        }),
      });
      await api(first, `/api/v3/workflows/${workflow.id}`, { method: 'PATCH', body: JSON.stringify({ active: true }) });

      const call = fetch(`${first.url}/webhook/crash-me`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status, () => 'connection lost');
      const answeredEarly = call.then((status) => Promise.reject(new Error(`the webhook answered ${status} before its run was listed`)));
      const listed = await Promise.race([until(() => api<{ items: Execution[] }>(first, `/api/v3/workflows/${workflow.id}/executions`), (page) => page.items.length === 1, RESUME_TIMEOUT_MS), answeredEarly]);
      const id = listed.items[0]!.id;
      await until(() => api<Execution>(first, `/api/v3/workflows/executions/${id}`), (e) => e.steps.some((s) => s.id === 'pause' && s.status === 'running'), RESUME_TIMEOUT_MS);

      await stopServer(first.child, 'SIGKILL');
      expect(await call).toBe('connection lost');
      expect(receiver.hits.get(`/before/${id}`)).toBe(1);
      expect(receiver.hits.get(`/after/${id}`)).toBeUndefined();

      const other = dialect === 'postgres' ? servers[1]! : (servers[0] = await startServer(env('a')));
      const ended = await until(() => api<Execution>(other, `/api/v3/workflows/executions/${id}`), (e) => e.status === 'succeeded' || e.status === 'failed', RESUME_TIMEOUT_MS);
      expect(ended.status).toBe('succeeded');
      expect(receiver.hits.get(`/before/${id}`)).toBe(1);
      expect(receiver.hits.get(`/after/${id}`)).toBe(1);
      expect(ended.steps.map((s) => `${s.id}:${s.status}:${s.attempts}`)).toEqual(['before:succeeded:1', 'pause:succeeded:2', 'after:succeeded:1']);
    } finally {
      for (const server of servers) await stopServer(server.child);
      await receiver.close();
      await scratch?.drop();
    }
  });
});
