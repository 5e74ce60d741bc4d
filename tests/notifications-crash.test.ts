import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const RECIPIENTS = 500;
const dir = mkdtempSync(join(tmpdir(), 'dwc-notify-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a bulk webhook send survives kill -9', () => {
  it('reaches every recipient after a restart, repeating only deliveries the receiver can tell by their webhook-id', async () => {
    // Slow answers and few sends at once, so the kill lands mid-way with sends in flight.
    const receiver = await startWebhookReceiver(SECRET, { delayMs: 15 });
    const env = { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, DWC_WEBHOOK_SIGNING_SECRET: SECRET, DWC_NOTIFY_CONCURRENCY: '8' };
    let server = await startServer(env);
    try {
      const headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
      const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `${receiver.origin}/r/${i}`);
      const sent = await fetch(`${server.url}/api/v3/advanced/notifications/send/bulk`, {
        method: 'POST', headers, body: JSON.stringify({ channel: 'webhook', recipients, subject: 'Deploy', message: 'v2 is out', data: { version: 2 } }),
      });
      expect(sent.status).toBe(202);
      const { batch_id: batchId, count } = (await sent.json()) as { batch_id: string; count: number };
      expect(count).toBe(RECIPIENTS);

      await until(() => receiver.hits.length, (n) => n >= 120);
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));
      const atKill = new Set(receiver.hits.map((hit) => hit.path)).size;
      expect(atKill).toBeLessThan(RECIPIENTS);

      server = await startServer(env);
      await until(() => new Set(receiver.hits.map((hit) => hit.path)).size, (n) => n === RECIPIENTS);
      const restartedHeaders = { authorization: `Bearer ${await loginAsOwner(server.url)}` };
      const delivered = await until(
        async () => ((await (await fetch(`${server.url}/api/v3/notifications?batch_id=${batchId}&status=delivered&limit=500`, { headers: restartedHeaders })).json()) as { items: unknown[] }).items.length,
        (n) => n === RECIPIENTS,
      );
      expect(delivered).toBe(RECIPIENTS);

      expect(receiver.badSignatures()).toBe(0);
      const idsByPath = new Map<string, Set<string>>();
      for (const hit of receiver.hits) idsByPath.set(hit.path, (idsByPath.get(hit.path) ?? new Set()).add(hit.webhookId));
      // Every repeat carried the webhook-id of the first delivery, and no two recipients share one.
      expect([...idsByPath.values()].every((ids) => ids.size === 1)).toBe(true);
      expect(new Set([...idsByPath.values()].map((ids) => [...ids][0])).size).toBe(RECIPIENTS);
      const repeats = receiver.hits.length - RECIPIENTS;
      expect(repeats).toBeLessThanOrEqual(8);
    } finally {
      await stopServer(server.child);
      await receiver.close();
    }
  }, 120_000);
});
