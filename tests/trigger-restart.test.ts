import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-trigger-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an active trigger across a server restart', () => {
  it('still answers its webhook after the server process stops and starts again; an inactive one stays off', async () => {
    const env = { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv };
    let server = await startServer(env);
    try {
      const headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
      const steps = [{ id: 'echo', type: 'transform', input: { expression: 'body', data: '{{ input }}' } }];
      for (const [path, active] of [['kept', true], ['off', false]] as const) {
        const created = (await (await fetch(`${server.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify({ name: path, trigger: { type: 'webhook', path, respond: 'when_finished' }, steps }) })).json()) as { id: string };
        await fetch(`${server.url}/api/v3/workflows/${created.id}`, { method: 'PATCH', headers, body: JSON.stringify({ active }) });
      }
      expect((await fetch(`${server.url}/webhook/kept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n": 1}' })).status).toBe(200);
      await stopServer(server.child);

      server = await startServer(env);
      const again = await fetch(`${server.url}/webhook/kept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n": 2}' });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ result: { n: 2 } });
      expect((await fetch(`${server.url}/webhook/off`, { method: 'POST' })).status).toBe(404);
    } finally {
      await stopServer(server.child);
    }
  }, 60_000);
});
