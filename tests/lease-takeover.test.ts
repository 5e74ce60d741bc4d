import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { startHitCounter } from './support/hit-counter.js';
import { createTestDatabase } from './support/postgres.js';

// Both processes run on the default lease (DWC_JOB_LEASE_MS unset): what is proved here is what users get.
const dir = mkdtempSync(join(tmpdir(), 'dwc-lease-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Execution {
  id: string;
  status: string;
  steps: { id: string; status: string; attempts: number }[];
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('job leases between two processes on one Postgres', () => {
  it('keep a step longer than the lease on its live process, and move a killed process’s run to the other within 10 s', async () => {
    const database = await createTestDatabase();
    const receiver = await startHitCounter();
    const env = (name: string) => ({
      DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_DENY_PRIVATE_NETWORKS: 'false',
    });
    const a = await startServer(env('a'));
    const b = await startServer(env('b'));
    const headers = { authorization: `Bearer ${await loginAsOwner(a.url)}`, 'content-type': 'application/json' };
    const api = async <T>(server: ServerProcess, path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, { ...init, headers });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const workflow = (name: string, pauseMs: number) => api<{ id: string }>(a, '/api/v3/workflows', {
      method: 'POST',
      body: JSON.stringify({
        name,
        steps: [
          { id: 'before', type: 'http.request', input: { url: `${receiver.url}/before/{{ execution.id }}`, method: 'POST' } },
          { id: 'pause', type: 'delay', input: { duration_ms: pauseMs } },
          { id: 'after', type: 'http.request', input: { url: `${receiver.url}/after/{{ execution.id }}`, method: 'POST' } },
        ],
      }),
    });
    // Executed through B, whose worker pool takes the run at once (it is inserted already claimed by B).
    const startOnB = async (workflowId: string) => {
      const execution = await api<Execution>(b, `/api/v3/workflows/${workflowId}/execute`, { method: 'POST', body: '{}' });
      await until(() => api<Execution>(a, `/api/v3/workflows/executions/${execution.id}`), (e) => e.steps.some((s) => s.id === 'pause' && s.status === 'running'), 10_000);
      return execution.id;
    };
    try {
      const long = await workflow('longer than a lease', 9_000);
      const longRun = await startOnB(long.id);
      const ended = await until(() => api<Execution>(a, `/api/v3/workflows/executions/${longRun}`), (e) => e.status === 'succeeded' || e.status === 'failed', 30_000);
      expect(ended.status).toBe('succeeded');
      // One attempt of the 9 s step: its lease (6 s) was renewed, so A never took it over.
      expect(ended.steps.map((s) => `${s.id}:${s.attempts}`)).toEqual(['before:1', 'pause:1', 'after:1']);
      expect(receiver.hits.get(`/after/${longRun}`)).toBe(1);

      const short = await workflow('killed mid-run', 1_000);
      const orphan = await startOnB(short.id);
      await stopServer(b.child, 'SIGKILL');
      const killedAt = Date.now();
      const resumed = await until(() => api<Execution>(a, `/api/v3/workflows/executions/${orphan}`), (e) => e.status === 'succeeded' || e.status === 'failed', 20_000);
      const tookMs = Date.now() - killedAt;
      expect(resumed.status).toBe('succeeded');
      expect(resumed.steps.map((s) => `${s.id}:${s.attempts}`)).toEqual(['before:1', 'pause:2', 'after:1']);
      expect(receiver.hits.get(`/before/${orphan}`)).toBe(1);
      expect(tookMs).toBeLessThan(10_000);
    } finally {
      await stopServer(a.child);
      await stopServer(b.child, 'SIGKILL');
      await receiver.close();
      await database.drop();
    }
  }, 90_000);
});
