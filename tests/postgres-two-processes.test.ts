import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { startHitCounter } from './support/hit-counter.js';
import { createTestDatabase } from './support/postgres.js';

let headers: Record<string, string> = {};
const JOBS = 500;
const CONCURRENCY = 4;
const dir = mkdtempSync(join(tmpdir(), 'dwc-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Task {
  id: string;
  name: string;
  status: string;
  attempts: number;
  worker_id: string | null;
}

async function allTasks(server: ServerProcess): Promise<Task[]> {
  const tasks: Task[] = [];
  let before: string | null = null;
  do {
    const page = (await (await fetch(`${server.url}/api/v3/background/tasks?limit=500${before ? `&before=${before}` : ''}`, { headers })).json()) as { items: Task[]; next_before: string | null };
    tasks.push(...page.items);
    before = page.next_before;
  } while (before);
  return tasks;
}

async function succeeded(server: ServerProcess): Promise<number> {
  const stats = (await (await fetch(`${server.url}/api/v3/background/service/stats`, { headers })).json()) as { tasks: { succeeded: number } };
  return stats.tasks.succeeded;
}

describe('two server processes on one Postgres', () => {
  it('share the queue: each of 500 jobs runs once, and a killed process’s jobs are taken over', async () => {
    const database = await createTestDatabase();
    const receiver = await startHitCounter({ delayMs: 15 });
    const env = (name: string) => ({
      DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_JOB_LEASE_MS: '2000', DWC_WORKER_CONCURRENCY: String(CONCURRENCY),
      // The receiver is on loopback, which a team server (Postgres) refuses by default.
      DWC_DENY_PRIVATE_NETWORKS: 'false',
    });
    const a = await startServer(env('a'));
    const b = await startServer(env('b'));
    headers = { authorization: `Bearer ${await loginAsOwner(a.url)}`, 'content-type': 'application/json' };
    try {
      const tasks = Array.from({ length: JOBS }, (_, n) => ({ name: `job ${n}`, task_type: 'http.request', payload: { url: `${receiver.url}/job/${n}`, method: 'POST' } }));
      const submitted = await fetch(`${a.url}/api/v3/background/tasks/bulk-submit`, { method: 'POST', headers, body: JSON.stringify({ tasks }) });
      expect(submitted.status).toBe(201);

      while ((await succeeded(a)) < 150) await new Promise((resolve) => setTimeout(resolve, 20));
      const beforeKill = await allTasks(a);
      const ranOnB = beforeKill.filter((t) => t.status === 'succeeded' && t.worker_id?.includes(`:${b.child.pid}:`)).length;
      const ranOnA = beforeKill.filter((t) => t.status === 'succeeded' && t.worker_id?.includes(`:${a.child.pid}:`)).length;
      expect(ranOnA).toBeGreaterThan(0);
      expect(ranOnB).toBeGreaterThan(0);
      const duplicatesBeforeKill = [...receiver.hits.values()].filter((count) => count > 1).length;
      expect(duplicatesBeforeKill).toBe(0);

      await stopServer(b.child, 'SIGKILL');
      const deadline = Date.now() + 60_000;
      while ((await succeeded(a)) < JOBS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      const final = await allTasks(a);
      expect(final).toHaveLength(JOBS);
      expect(final.filter((t) => t.status !== 'succeeded')).toEqual([]);
      for (let n = 0; n < JOBS; n++) expect(receiver.hits.get(`/job/${n}`) ?? 0).toBeGreaterThanOrEqual(1);
      // Only a job that was in flight on the killed process may have run twice, and it was taken over (attempts 2).
      const twice = final.filter((t) => (receiver.hits.get(`/job/${t.name.slice(4)}`) ?? 0) > 1);
      expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
      for (const task of twice) expect(task.attempts).toBeGreaterThanOrEqual(2);
      expect(final.filter((t) => t.attempts > 1).length).toBeLessThanOrEqual(CONCURRENCY);
    } finally {
      await stopServer(a.child);
      await stopServer(b.child, 'SIGKILL');
      await receiver.close();
      await database.drop();
    }
  }, 120_000);
});
