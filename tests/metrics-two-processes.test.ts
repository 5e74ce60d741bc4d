import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-metrics-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS_ON_A = 5;
const RUNS_ON_B = 3;

interface Series { processes: string[]; series: { labels: Record<string, string>; points: { value: number }[] }[] }

describe('metrics of two server processes on one Postgres', () => {
  it('stores each process\'s series, counts each run once, and the summary counts runs made on either', async () => {
    const database = await createTestDatabase();
    const env = (name: string) => ({ DWC_DATA_DIR: join(dir, name), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_METRICS_FLUSH_SECONDS: '1' });
    const a = await startServer(env('a'));
    const b = await startServer(env('b'));
    try {
      const headers = { authorization: `Bearer ${await loginAsOwner(a.url)}`, 'content-type': 'application/json' };
      const created = await fetch(`${a.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify({ name: 'Shared', steps: [{ id: 'one', type: 'transform', input: { expression: '1' } }] }) });
      const { id } = (await created.json()) as { id: string };
      const run = async (url: string) => expect((await fetch(`${url}/api/v3/workflows/${id}/execute?wait=true`, { method: 'POST', headers, body: '{}' })).status).toBe(200);
      for (let i = 0; i < RUNS_ON_A; i++) await run(a.url);
      for (let i = 0; i < RUNS_ON_B; i++) await run(b.url);

      // Each process stores its own series every second; ask A for both.
      let stored: Series | undefined;
      const deadline = Date.now() + 20_000;
      do {
        await sleep(500);
        stored = (await (await fetch(`${a.url}/api/v3/metrics/metrics?name=dwc_executions_total&step=1h`, { headers })).json()) as Series;
        const total = stored.series.flatMap((s) => s.points).reduce((n, p) => n + p.value, 0);
        if (stored.processes.length === 2 && total >= RUNS_ON_A + RUNS_ON_B) break;
      } while (Date.now() < deadline);
      expect(stored!.processes).toHaveLength(2);
      expect(stored!.processes.some((p) => p.includes(`:${a.child.pid}:`))).toBe(true);
      expect(stored!.processes.some((p) => p.includes(`:${b.child.pid}:`))).toBe(true);
      // Events relayed between the processes are not counted again by the one that did not run them.
      await sleep(1_500);
      const settled = (await (await fetch(`${a.url}/api/v3/metrics/metrics?name=dwc_executions_total&step=1h`, { headers })).json()) as Series;
      expect(settled.series).toEqual([{ labels: { workflow: 'Shared', status: 'succeeded' }, points: [expect.objectContaining({ value: RUNS_ON_A + RUNS_ON_B })] }]);

      const summary = (await (await fetch(`${b.url}/api/v3/advanced/analytics/summary?time_range=hour`, { headers })).json()) as { executions: { value: number }; succeeded: { value: number } };
      expect(summary.executions.value).toBe(RUNS_ON_A + RUNS_ON_B);
      expect(summary.succeeded.value).toBe(RUNS_ON_A + RUNS_ON_B);
    } finally {
      await stopServer(a.child);
      await stopServer(b.child);
      await database.drop();
    }
  }, 90_000);
});
