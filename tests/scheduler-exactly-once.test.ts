import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const SCHEDULES = 50;
const RUN_MS = Number(process.env.SCHED_RUN_MS ?? 40_000);
const progress = (what: string) => process.env.SCHED_DEBUG && console.info(new Date().toISOString(), what);
const dir = mkdtempSync(join(tmpdir(), 'dwc-sched-'));
const spawned: ServerProcess[] = [];
afterAll(async () => {
  // Also when the test timed out: no server outlives the run.
  for (const server of spawned) await stopServer(server.child, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
const start = async (env: Record<string, string>) => {
  const server = await startServer(env, { timeoutMs: 90_000 });
  spawned.push(server);
  return server;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('three server processes on one Postgres share the schedules', () => {
  it('start every planned occurrence exactly once while one process is kill -9ed and restarted twice', async () => {
    const database = await createTestDatabase();
    const env = (name: string) => ({ DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_JOB_LEASE_MS: '3000', DWC_WORKER_CONCURRENCY: '2', DWC_SCHEDULER_POLL_MS: '500' });
    const servers: ServerProcess[] = [await start(env('a')), await start(env('b')), await start(env('c'))];
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const url = servers[0]!.url;
      const headers = { authorization: `Bearer ${await loginAsOwner(url)}`, 'content-type': 'application/json' };
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        expect(response.status, await response.clone().text()).toBeLessThan(300);
        return (await response.json()) as Record<string, unknown>;
      };
      const workflow = await post('/api/v3/workflows', { name: 'tick', steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input }}' } }] });
      const schedules: { id: string }[] = [];
      for (let n = 0; n < SCHEDULES; n++) {
        schedules.push((await post('/api/v3/scheduler/schedules/interval', { name: `every second ${n}`, interval_seconds: 1, workflow_id: workflow.id, payload: { n }, missed_runs: 'all', missed_runs_cap: 100 })) as { id: string });
      }
      progress('created');
      const started = Date.now();
      // Kill -9 one process (the third) and start it again, twice.
      for (const at of [RUN_MS / 4, RUN_MS / 2]) {
        await sleep(started + at - Date.now());
        await stopServer(servers[2]!.child, 'SIGKILL');
        await sleep(1_500);
        progress('killed');
        servers[2] = await start(env('c'));
        progress('restarted');
      }
      await sleep(started + RUN_MS - Date.now());
      const pausedAt = new Map<string, number>();
      await Promise.all(schedules.map(async (schedule) => {
        const before = Date.now();
        await post(`/api/v3/scheduler/schedules/${schedule.id}/pause`, {});
        pausedAt.set(schedule.id, before);
      }));
      progress('paused');
      const delays = await client.query<{ p50: string; p99: string }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY fired_at - planned_at) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY fired_at - planned_at) AS p99 FROM schedule_runs`,
      );

      progress(`fire delay p50 ${delays.rows[0]!.p50} ms, p99 ${delays.rows[0]!.p99} ms`);
      const { rows } = await client.query<{ schedule_id: string; planned_at: string; n: string }>(
        `SELECT trigger->>'schedule_id' AS schedule_id, trigger->>'planned_at' AS planned_at, COUNT(*) AS n FROM executions
         WHERE trigger->>'type' = 'schedule' GROUP BY 1, 2`,
      );
      // Exactly once: no (schedule, planned time) has two executions.
      expect(rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
      const runs = await client.query<{ c: string }>(`SELECT COUNT(*) AS c FROM schedule_runs WHERE status = 'started'`);
      expect(Number(runs.rows[0]!.c)).toBe(rows.length);
      // None missed: each schedule has every second from its first occurrence to shortly before the pause.
      const firedBy = new Map<string, number[]>();
      for (const row of rows) firedBy.set(row.schedule_id, [...(firedBy.get(row.schedule_id) ?? []), Date.parse(row.planned_at)]);
      expect(firedBy.size).toBe(SCHEDULES);
      for (const schedule of schedules) {
        const planned = firedBy.get(schedule.id)!.sort((a, b) => a - b);
        const gaps = planned.slice(1).map((t, i) => t - planned[i]!).filter((gap) => gap !== 1_000);
        expect(gaps, `schedule ${schedule.id}`).toEqual([]);
        expect(planned[0]).toBeLessThan(started + 2_000);
        expect(planned.at(-1)).toBeGreaterThan(pausedAt.get(schedule.id)! - 5_000);
      }
      console.info(`scheduler exactly-once: ${rows.length} occurrences over ${SCHEDULES} schedules, fire delay p50 ${Math.round(Number(delays.rows[0]!.p50))} ms, p99 ${Math.round(Number(delays.rows[0]!.p99))} ms (two kill -9s included)`);
    } finally {
      await client.end();
      for (const server of servers) await stopServer(server.child, 'SIGKILL');
      await database.drop();
    }
  }, 300_000);
});
