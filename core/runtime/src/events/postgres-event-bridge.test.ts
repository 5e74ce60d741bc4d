import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type ScratchDatabase } from '../../../../tests/support/postgres.js';
import { createEventBus } from './event-bus.js';
import { startPostgresEventBridge, type PostgresEventBridge } from './postgres-event-bridge.js';

const silent = pino({ level: 'silent' });

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The test run fails any test in which a pg client is given a query while busy (tests/support/pg-busy-client-guard.ts).
describe('Postgres event bridge', () => {
  let scratch: ScratchDatabase;
  const bridges: PostgresEventBridge[] = [];
  beforeAll(async () => {
    scratch = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(bridges.map((bridge) => bridge.close()));
    await scratch.drop();
  });

  it('carries a burst of events and job notices to another process without a query on a busy client', async () => {
    const sending = createEventBus(silent);
    const receiving = createEventBus(silent);
    let jobNotices = 0;
    bridges.push(await startPostgresEventBridge({ databaseUrl: scratch.url, events: sending, logger: silent, onJobsQueued: () => undefined }));
    bridges.push(await startPostgresEventBridge({ databaseUrl: scratch.url, events: receiving, logger: silent, onJobsQueued: () => jobNotices++ }));
    const received: number[] = [];
    receiving.on('step.*', (event) => received.push(event.payload.n as number));

    // Large events make several NOTIFY batches per flush, sent while job notices are in flight.
    const filler = 'x'.repeat(2_000);
    for (let n = 0; n < 40; n++) {
      sending.emit('step.succeeded', { n, filler });
      bridges[0]!.notifyJobs();
    }
    await until(() => received.length === 40 && jobNotices > 0);
    expect(received).toEqual(Array.from({ length: 40 }, (_, n) => n));
    // A burst of enqueues is told with few notices, and the last one follows the last enqueue.
    expect(jobNotices).toBeLessThanOrEqual(2);
  });
});
