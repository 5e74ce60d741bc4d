import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Page {
  items: { id: string; status: string }[];
}

describe('execution retention in a running server', () => {
  it('prunes past the server count in the background, and a workflow’s settings.retention keeps its own count', async () => {
    const server = await startServer({
      DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, LOG_LEVEL: 'info', LOG_FORMAT: 'json',
      DWC_EXECUTION_RETENTION_COUNT: '3', DWC_EXECUTION_PRUNE_INTERVAL_MS: '1000',
    });
    const headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, { ...init, headers });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    try {
      const steps = [{ id: 'shape', type: 'transform', input: { expression: 'input' } }];
      const plain = await api<{ id: string }>('/api/v3/workflows', { method: 'POST', body: JSON.stringify({ name: 'server retention', steps }) });
      const own = await api<{ id: string; settings: unknown }>('/api/v3/workflows', {
        method: 'POST', body: JSON.stringify({ name: 'own retention', steps, settings: { retention: { count: 6 } } }),
      });
      expect(own.settings).toEqual({ retention: { count: 6, delete_documents: false } });
      const ran: Record<string, string[]> = { [plain.id]: [], [own.id]: [] };
      for (let n = 0; n < 8; n++) {
        for (const workflow of [plain, own]) {
          const execution = await api<{ id: string; status: string }>(`/api/v3/workflows/${workflow.id}/execute?wait=true`, { method: 'POST', body: JSON.stringify({ n }) });
          expect(execution.status).toBe('succeeded');
          ran[workflow.id]!.push(execution.id);
        }
      }
      const kept = async (workflowId: string) => (await api<Page>(`/api/v3/workflows/executions?workflow_id=${workflowId}&limit=100`)).items.map((e) => e.id);
      const deadline = Date.now() + 15_000;
      while ((await kept(plain.id)).length > 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

      expect((await kept(plain.id)).sort()).toEqual(ran[plain.id]!.slice(-3));
      expect((await kept(own.id)).sort()).toEqual(ran[own.id]!.slice(-6));
      // Each pass logs what it removed.
      const passes = [...server.output().matchAll(/"component":"retention","executions":(\d+),.*"msg":"removed \1 finished execution\(s\) and \d+ finished task\(s\) past retention"/g)];
      expect(passes.reduce((sum, pass) => sum + Number(pass[1]), 0)).toBe(5 + 2);
      const gone = await fetch(`${server.url}/api/v3/workflows/executions/${ran[plain.id]![0]}`, { headers });
      expect(gone.status).toBe(404);
    } finally {
      await stopServer(server.child);
    }
  }, 60_000);
});
