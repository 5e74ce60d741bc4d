// A bulk Teams send (a channel without idempotency keys) to 300 recipients, the server kill -9ed
// mid-way and restarted: what was in flight at the crash is marked "may have been delivered" and
// never sent again; everything else is delivered exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer } from '../bench/lib/server-process.js';
import { startTeamsReceiver } from './support/teams-receiver.js';
import { until } from './support/until.js';

const RECIPIENTS = 300;
const dir = mkdtempSync(join(tmpdir(), 'dwc-notify-crash-teams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Listed {
  id: string;
  recipient: string;
  status: string;
}

describe('a bulk Teams send survives kill -9', () => {
  it('marks the sends cut short as may-have-been-delivered, resends none of them, and delivers the rest once', async () => {
    // Slow answers and few sends at once, so the kill lands with sends in flight.
    const receiver = await startTeamsReceiver({ delayMs: 40 });
    const env = { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, DWC_NOTIFY_CONCURRENCY: '8' };
    let server = await startServer(env);
    try {
      const headers = { authorization: `Bearer ${await loginAsOwner(server.url)}`, 'content-type': 'application/json' };
      const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `${receiver.origin}/workflows/${i}`);
      const sent = await fetch(`${server.url}/api/v3/advanced/notifications/send/bulk`, {
        method: 'POST', headers, body: JSON.stringify({ channel: 'teams', recipients, subject: 'Deploy', message: 'v2 is out' }),
      });
      expect(sent.status).toBe(202);
      const { batch_id: batchId } = (await sent.json()) as { batch_id: string };

      await until(async () => receiver.hits.length, (n) => n >= 60, 60_000);
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));
      const atKill = receiver.hits.length;
      expect(atKill).toBeLessThan(RECIPIENTS);

      server = await startServer(env);
      const auth = { authorization: `Bearer ${await loginAsOwner(server.url)}` };
      const list = async () => ((await (await fetch(`${server.url}/api/v3/notifications?batch_id=${batchId}&limit=500`, { headers: auth })).json()) as { items: Listed[] }).items;
      const rows = await until(list, (items) => items.length === RECIPIENTS && items.every((n) => n.status === 'delivered' || n.status === 'uncertain'), 60_000);

      const hitsByPath = new Map<string, number>();
      for (const hit of receiver.hits) hitsByPath.set(hit.path, (hitsByPath.get(hit.path) ?? 0) + 1);
      const pathOf = (row: Listed) => new URL(row.recipient).pathname;
      const uncertain = rows.filter((n) => n.status === 'uncertain');
      const delivered = rows.filter((n) => n.status === 'delivered');
      // The sends in flight at the kill: at least one, at most what the worker had at once.
      expect(uncertain.length).toBeGreaterThanOrEqual(1);
      expect(uncertain.length).toBeLessThanOrEqual(8);
      expect(delivered.length + uncertain.length).toBe(RECIPIENTS);
      // Nothing was sent twice: Teams could not have told a repeat.
      expect([...hitsByPath.values()].every((count) => count === 1)).toBe(true);
      expect(delivered.every((n) => hitsByPath.get(pathOf(n)) === 1)).toBe(true);
      expect(receiver.hits.length).toBe(hitsByPath.size);
      expect(receiver.badCards()).toBe(0);

      const detail = (await (await fetch(`${server.url}/api/v3/notifications/${uncertain[0]!.id}`, { headers: auth })).json()) as { last_error: { code: string }; delivery_attempts: { status: string }[] };
      expect(detail.last_error.code).toBe('may_have_been_delivered');
      expect(detail.delivery_attempts.map((a) => a.status)).toEqual(['may_have_been_delivered']);
    } finally {
      await stopServer(server.child);
      await receiver.close();
    }
  }, 180_000);
});
