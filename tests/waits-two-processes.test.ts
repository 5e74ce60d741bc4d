import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { startHitCounter } from './support/hit-counter.js';
import { createTestDatabase } from './support/postgres.js';

const RUNS = 12;
const dir = mkdtempSync(join(tmpdir(), 'dwc-waits-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waiting executions shared by two server processes on one Postgres', () => {
  it('each resumes exactly once, whichever process decides it or whose clock fires', { timeout: 180_000 }, async () => {
    const database = await createTestDatabase();
    const receiver = await startHitCounter();
    const env = (name: string) => ({
      DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_DENY_PRIVATE_NETWORKS: 'false',
    });
    const a = await startServer(env('a'));
    const b = await startServer(env('b'));
    const headers = { authorization: `Bearer ${await loginAsOwner(a.url)}`, 'content-type': 'application/json' };
    const api = async <T>(url: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(url, { ...init, headers });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const status = async (id: string) => (await api<{ status: string }>(`${a.url}/api/v3/workflows/executions/${id}`)).status;
    const untilAll = async (ids: readonly string[], wanted: (s: string) => boolean) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const statuses = await Promise.all(ids.map(status));
        if (statuses.every(wanted)) return statuses;
        if (Date.now() > deadline) throw new Error(`timed out: ${statuses.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      const after = { id: 'after', type: 'http.request', input: { url: `${receiver.url}/after/{{ execution.id }}`, method: 'POST' } };
      const approval = await api<{ id: string }>(`${a.url}/api/v3/workflows`, {
        method: 'POST', body: JSON.stringify({ name: 'approve then call', steps: [{ id: 'ok', type: 'approval', input: { message: 'Go?', approvers: ['owner'] } }, after] }),
      });
      const timer = await api<{ id: string }>(`${a.url}/api/v3/workflows`, {
        method: 'POST', body: JSON.stringify({ name: 'wait then call', steps: [{ id: 'pause', type: 'wait.until', input: { duration_ms: 1500 } }, after] }),
      });
      const start = (server: string, workflow: string) => api<{ id: string }>(`${server}/api/v3/workflows/${workflow}/execute`, { method: 'POST', body: '{}' });
      const approvals = await Promise.all(Array.from({ length: RUNS }, (_, n) => start(n % 2 ? a.url : b.url, approval.id)));
      const timers = await Promise.all(Array.from({ length: RUNS }, (_, n) => start(n % 2 ? a.url : b.url, timer.id)));
      await untilAll(approvals.map((e) => e.id), (s) => s === 'waiting');

      // Decide each approval on the other process than the one that may have parked it, twice over: one decision wins.
      const decisions = await Promise.all(approvals.map((e, n) => Promise.all([
        fetch(`${(n % 2 ? b : a).url}/api/v3/workflows/executions/${e.id}/steps/ok/approve`, { method: 'POST', headers, body: '{}' }),
        fetch(`${(n % 2 ? a : b).url}/api/v3/workflows/executions/${e.id}/steps/ok/approve`, { method: 'POST', headers, body: '{}' }),
      ])));
      for (const pair of decisions) expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
      const ended = await untilAll([...approvals, ...timers].map((e) => e.id), (s) => s === 'succeeded' || s === 'failed');
      expect(ended.every((s) => s === 'succeeded')).toBe(true);
      for (const execution of [...approvals, ...timers]) expect(receiver.hits.get(`/after/${execution.id}`), execution.id).toBe(1);
    } finally {
      await Promise.all([stopServer(a.child), stopServer(b.child)]);
      await receiver.close();
      await database.drop();
    }
  });
});
