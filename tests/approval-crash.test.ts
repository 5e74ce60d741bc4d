import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-approval-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Execution {
  id: string;
  status: string;
  output: unknown;
  steps: { id: string; status: string; output: Record<string, unknown> | null }[];
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(['sqlite', 'postgres'] as const)('an execution waiting on an approval survives kill -9 (%s)', (dialect) => {
  it('is still waiting after the restart, and approving it then finishes the run', { timeout: 120_000 }, async () => {
    const scratch: ScratchDatabase | undefined = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const env = { DWC_DATA_DIR: join(dir, dialect), DATABASE_URL: scratch?.url ?? '', ...ownerEnv, ...noRateLimitEnv, DWC_JOB_LEASE_MS: '2000' };
    let server = await startServer(env);
    let headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, { ...init, headers });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    try {
      const workflow = await api<{ id: string }>('/api/v3/workflows', {
        method: 'POST',
        body: JSON.stringify({
          name: 'publish after approval',
          steps: [
            { id: 'draft', type: 'transform', input: { expression: '"draft of " & topic', data: '{{ input }}' } },
            { id: 'ok', type: 'approval', input: { message: 'Publish {topic}?', approvers: ['owner'] } },
            { id: 'publish', type: 'transform', input: { expression: '{ "published": draft, "by": by }', data: { draft: '{{ steps.draft.output.result }}', by: '{{ steps.ok.output.decided_by.label }}' } } },
          ],
        }),
      });
      const started = await api<Execution>(`/api/v3/workflows/${workflow.id}/execute`, { method: 'POST', body: JSON.stringify({ topic: 'crash' }) });
      await until(() => api<Execution>(`/api/v3/workflows/executions/${started.id}`), (e) => e.status === 'waiting');

      await stopServer(server.child, 'SIGKILL');
      server = await startServer(env);
      headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };

      // Well past the old lease: nothing resumed it on its own.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const after = await api<Execution>(`/api/v3/workflows/executions/${started.id}`);
      expect(after.status).toBe('waiting');
      expect(after.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['draft:succeeded', 'ok:waiting']);

      const decision = await api<{ decision: string }>(`/api/v3/workflows/executions/${started.id}/steps/ok/approve`, { method: 'POST', body: JSON.stringify({ comment: 'after the crash' }) });
      expect(decision.decision).toBe('approved');
      const ended = await until(() => api<Execution>(`/api/v3/workflows/executions/${started.id}`), (e) => e.status === 'succeeded' || e.status === 'failed');
      expect(ended.status).toBe('succeeded');
      expect(ended.output).toEqual({ result: { published: 'draft of crash', by: ownerEnv.DWC_ADMIN_EMAIL } });
      expect(ended.steps.find((s) => s.id === 'ok')!.output).toMatchObject({ decision: 'approved', comment: 'after the crash' });
    } finally {
      await stopServer(server.child);
      await scratch?.drop();
    }
  });
});
