import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { startHitCounter } from './support/hit-counter.js';

let headers: Record<string, string> = {};
const dir = mkdtempSync(join(tmpdir(), 'dwc-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Execution {
  id: string;
  status: string;
  steps: { id: string; status: string; attempts: number }[];
}

describe('a run survives kill -9', () => {
  it('continues from the last committed step after a restart, each side effect happening once', async () => {
    const receiver = await startHitCounter();
    const env = { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, DWC_JOB_LEASE_MS: '2000' };
    let server = await startServer(env);
    headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
    try {
      const workflow = await api<{ id: string }>(`${server.url}/api/v3/workflows`, {
        method: 'POST',
        body: JSON.stringify({
          name: 'crash me',
          steps: [
            { id: 'before', type: 'http.request', input: { url: `${receiver.url}/before/{{ execution.id }}`, method: 'POST' } },
            { id: 'pause', type: 'delay', input: { duration_ms: 1500 } },
            { id: 'after', type: 'http.request', input: { url: `${receiver.url}/after/{{ execution.id }}`, method: 'POST' } },
          ],
        }),
      });
      const execution = await api<Execution>(`${server.url}/api/v3/workflows/${workflow.id}/execute`, { method: 'POST', body: '{}' });
      const url = `${server.url}/api/v3/workflows/executions/${execution.id}`;
      await until(() => api<Execution>(url), (e) => e.steps.some((s) => s.id === 'pause' && s.status === 'running'));

      await stopServer(server.child, 'SIGKILL');
      expect(receiver.hits.get(`/before/${execution.id}`)).toBe(1);
      expect(receiver.hits.get(`/after/${execution.id}`)).toBeUndefined();

      server = await startServer(env);
      const ended = await until(() => api<Execution>(`${server.url}/api/v3/workflows/executions/${execution.id}`), (e) => e.status === 'succeeded' || e.status === 'failed');
      expect(ended.status).toBe('succeeded');
      expect(receiver.hits.get(`/before/${execution.id}`)).toBe(1);
      expect(receiver.hits.get(`/after/${execution.id}`)).toBe(1);
      expect(ended.steps.map((s) => `${s.id}:${s.status}:${s.attempts}`)).toEqual(['before:succeeded:1', 'pause:succeeded:2', 'after:succeeded:1']);
    } finally {
      await stopServer(server.child);
      await receiver.close();
    }
  });
});
