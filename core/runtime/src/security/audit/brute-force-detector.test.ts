import type { DwcEvent } from '@dwc/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../events/event-bus.js';
import { sqlClientOf } from '../../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../../storage/test-support/open-test-database.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { startBruteForceDetector } from './brute-force-detector.js';

describe('brute-force detector', () => {
  let test: TestDatabase;
  let audit: AuditService;
  let clock: number;
  let alerts: DwcEvent[];
  let stop: () => void;
  beforeEach(async () => {
    test = await openTestDatabase('sqlite');
    await test.database.migrate();
    audit = createAuditService({ sql: sqlClientOf(test.database), logger: silentLogger });
    const events = createEventBus(silentLogger);
    alerts = [];
    events.on('security.alert', (event) => alerts.push(event));
    clock = Date.parse('2026-01-01T00:00:00Z');
    stop = startBruteForceDetector({ audit, events, logger: silentLogger, thresholds: { perIp: 5, perUser: 3, windowMs: 60_000 }, now: () => clock });
  });
  afterEach(async () => {
    stop();
    await audit.close();
    await test.cleanup();
  });

  const failLogin = (ip: string, username: string) =>
    audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, ip, detail: { username, reason: 'bad_password' } });

  it('raises one alert per IP and per username for a burst, records it, and stays quiet for the rest of the window', async () => {
    for (let i = 0; i < 12; i++) {
      await failLogin('203.0.113.9', `user${i}@example.com`);
      clock += 1_000;
    }
    await audit.flush();
    expect(alerts.map((a) => a.payload)).toEqual([{ kind: 'brute_force_ip', ip: '203.0.113.9', count: 5, window_seconds: 60 }]);

    for (let i = 0; i < 6; i++) await failLogin(`198.51.100.${i}`, 'Ann@Example.com');
    await audit.flush();
    expect(alerts.slice(1).map((a) => a.payload)).toEqual([{ kind: 'brute_force_user', username: 'ann@example.com', count: 3, window_seconds: 60 }]);

    const recorded = await audit.list({ action: 'security.alert' }, { limit: 10 });
    expect(recorded.items.map((r) => r.detail)).toEqual([
      { kind: 'brute_force_user', username: 'ann@example.com', count: 3, window_seconds: 60 },
      { kind: 'brute_force_ip', ip: '203.0.113.9', count: 5, window_seconds: 60 },
    ]);
  });

  it('alerts again once the window has passed and the burst continues', async () => {
    for (let i = 0; i < 5; i++) await failLogin('203.0.113.9', 'a');
    clock += 61_000;
    for (let i = 0; i < 4; i++) await failLogin('203.0.113.9', 'b');
    await audit.flush();
    expect(alerts.filter((a) => a.payload.kind === 'brute_force_ip')).toHaveLength(1);
    await failLogin('203.0.113.9', 'c');
    await audit.flush();
    expect(alerts.filter((a) => a.payload.kind === 'brute_force_ip')).toHaveLength(2);
  });

  it('ignores other actions and spaced-out failures', async () => {
    for (let i = 0; i < 10; i++) {
      await audit.record({ action: 'auth.login', outcome: 'success', actor: 'user:1', ip: '203.0.113.9' });
      await failLogin('203.0.113.9', `u${i}`);
      clock += 20_000;
    }
    await audit.flush();
    expect(alerts).toEqual([]);
  });
});
