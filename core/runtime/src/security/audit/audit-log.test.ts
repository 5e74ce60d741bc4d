import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/database.js';
import { sqlClientOf, type SqlClient } from '../../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../../storage/test-support/open-test-database.js';
import { GENESIS_HASH } from './audit-hash.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe.each(['sqlite', 'postgres'] as const)('audit log on %s', (dialect) => {
  let test: TestDatabase;
  let sql: SqlClient;
  let audit: AuditService;
  beforeEach(async () => {
    test = await openTestDatabase(dialect);
    await test.database.migrate();
    sql = sqlClientOf(test.database);
    audit = createAuditService({ sql, logger: silentLogger });
  });
  afterEach(async () => {
    await audit.close();
    await test.cleanup();
  });

  const appendMany = (n: number, action = 'workflow.update') =>
    Promise.all(Array.from({ length: n }, (_, i) => audit.record({ action, outcome: 'success', actor: `user:${i % 3}`, target: `workflow:${i}`, detail: { i } })));

  it('chains appended records from seq 1 and verifies them', async () => {
    await appendMany(25);
    const rows = await sql.all<{ seq: unknown; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq');
    expect(rows.map((r) => sql.fromInt(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(sql, { batchSize: 7 })).toMatchObject({ ok: true, checked: 25, head: { seq: 25, hash: rows[24]!.hash } });
  });

  it('reports an empty log as intact', async () => {
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 0 });
  });

  it('names an edited record (hash_mismatch)', async () => {
    await appendMany(10);
    await sql.run("UPDATE audit_events SET actor = 'user:someone-else' WHERE seq = 6");
    const id = (await sql.get<{ id: string }>('SELECT id FROM audit_events WHERE seq = 6'))!.id;
    expect(await verifyAuditChain(sql, { batchSize: 4 })).toMatchObject({ ok: false, checked: 6, first_bad: { seq: 6, id, reason: 'hash_mismatch' } });
  });

  it('names the record after a deleted one (gap)', async () => {
    await appendMany(10);
    await sql.run('DELETE FROM audit_events WHERE seq = 4');
    const id = (await sql.get<{ id: string }>('SELECT id FROM audit_events WHERE seq = 5'))!.id;
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad: { seq: 5, id, reason: 'gap' } });
  });

  it('finds a deleted record even when the later ones were renumbered (broken_link)', async () => {
    await appendMany(8);
    await sql.run('DELETE FROM audit_events WHERE seq = 3');
    for (let seq = 4; seq <= 8; seq++) await sql.run('UPDATE audit_events SET seq = ? WHERE seq = ?', [seq - 1, seq]);
    expect(await audit.verify()).toMatchObject({ ok: false, first_bad: { seq: 3, reason: 'broken_link' } });
  });

  it('names reordered records (seq values swapped)', async () => {
    await appendMany(10);
    const row7 = (await sql.get<{ id: string }>('SELECT id FROM audit_events WHERE seq = 7'))!.id;
    await sql.run('UPDATE audit_events SET seq = -1 WHERE seq = 6');
    await sql.run('UPDATE audit_events SET seq = 6 WHERE seq = 7');
    await sql.run('UPDATE audit_events SET seq = 7 WHERE seq = -1');
    expect(await audit.verify()).toMatchObject({ ok: false, checked: 6, first_bad: { seq: 6, id: row7, reason: 'out_of_order' } });
  });

  it('keeps the last verification for the stats', async () => {
    await appendMany(3);
    const report = await audit.verify();
    expect(await audit.lastVerification()).toEqual(report);
  });

  it('never stores the values of secret-ish fields', async () => {
    await audit.record({
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: null,
      actorLabel: 'ann@example.com',
      after: { password: 'hunter2-pass', nested: { apiKey: 'dwc_live_123', totp: '123456' } },
      detail: { authorization: 'Bearer abc.def', refresh_token: 'rt-1', username: 'ann@example.com' },
    });
    const row = await sql.get<Record<string, string>>('SELECT "after", detail FROM audit_events');
    const stored = JSON.stringify(row);
    for (const secret of ['hunter2-pass', 'dwc_live_123', '123456', 'abc.def', 'rt-1']) expect(stored).not.toContain(secret);
    expect(stored).toContain('ann@example.com');
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('filters by actor, action (exact or prefix), outcome and time, newest first, with cursor and offset pages', async () => {
    await appendMany(9);
    await audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, ip: '10.0.0.1' });
    await audit.record({ action: 'auth.login', outcome: 'success', actor: 'user:1' });
    const byActor = await audit.list({ actor: 'user:1' }, { limit: 2 });
    expect(byActor.items.map((r) => r.seq)).toEqual([11, 8]);
    const next = await audit.list({ actor: 'user:1' }, { limit: 2, cursor: byActor.nextCursor! });
    expect(next.items.map((r) => r.seq)).toEqual([5, 2]);
    expect(next.nextCursor).toBeNull();
    expect((await audit.list({ actor: 'user:1' }, { limit: 2, offset: 2 })).items.map((r) => r.seq)).toEqual([5, 2]);
    expect((await audit.list({ action: 'auth.*' }, { limit: 10 })).items.map((r) => r.action)).toEqual(['auth.login', 'auth.login_failed']);
    expect((await audit.list({ action: 'auth%' }, { limit: 10 })).items).toEqual([]);
    expect((await audit.list({ outcome: 'failure' }, { limit: 10 })).items.map((r) => r.seq)).toEqual([10]);
    expect((await audit.list({ from: new Date(Date.now() + 60_000) }, { limit: 10 })).items).toEqual([]);
    expect((await audit.list({ to: new Date(Date.now() + 60_000), securityOnly: true, action: 'workflow.update' }, { limit: 100 })).items).toHaveLength(9);
    expect((await audit.list({ actor: "x' OR '1'='1" }, { limit: 10 })).items).toEqual([]);
  });

  it('exports CSV and JSON, oldest first, with values quoted', async () => {
    await audit.record({ action: 'workflow.update', outcome: 'success', actor: 'user:1', target: 'say "hi", then\nleave', detail: { note: 'a,b' } });
    await appendMany(3);
    const read = async (stream: NodeJS.ReadableStream) => {
      let text = '';
      for await (const chunk of stream) text += String(chunk);
      return text;
    };
    const json = JSON.parse(await read(audit.export({}, 'json'))) as { seq: number; target: string; detail: unknown }[];
    expect(json.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(json[0]).toMatchObject({ target: 'say "hi", then\nleave', detail: { note: 'a,b' } });
    const csv = await read(audit.export({ actor: 'user:1' }, 'csv'));
    expect(csv.split('\n')[0]).toBe('seq,id,occurred_at,action,outcome,actor,actor_label,ip,user_agent,target,before,after,detail,prev_hash,hash');
    expect(csv).toContain('"say ""hi"", then\nleave"');
    expect(csv).toContain('"{""note"":""a,b""}"');
    expect(await read(audit.export({ actor: 'nobody' }, 'json'))).toBe('[]\n');
  });

  it('counts actions, outcomes, failed logins and alerts for the stats', async () => {
    await appendMany(2);
    await audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null });
    await audit.record({ action: 'security.alert', outcome: 'failure', actor: 'system' });
    const stats = await audit.stats({ from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 1_000) });
    expect(stats).toMatchObject({
      byAction: { 'workflow.update': 2, 'auth.login_failed': 1, 'security.alert': 1 },
      byOutcome: { success: 2, failure: 2 },
      failedLogins: { lastHour: 1, lastDay: 1 },
      alerts: 1,
      chainLength: 4,
    });
  });

  it('stores awkward input (NUL characters, very long values) without losing the records queued with it', async () => {
    await Promise.all([
      appendMany(5),
      audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, actorLabel: 'ro\u0000ot', userAgent: 'x'.repeat(5_000), detail: { 'we\u0000ird': 'v\u0000' } }),
      appendMany(5),
    ]);
    const page = await audit.list({ action: 'auth.login_failed' }, { limit: 1 });
    expect(page.items[0]).toMatchObject({ actorLabel: 'ro\uFFFDot', detail: { 'we\u0000ird': 'v\u0000' } });
    expect(page.items[0]!.userAgent).toHaveLength(500);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 11 });
  });

  it('flushes queued records on close and refuses new ones after', async () => {
    const pending = appendMany(50);
    await audit.close();
    await pending;
    expect(sql.fromInt((await sql.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM audit_events'))!.n)).toBe(50);
    await expect(audit.record({ action: 'x.y', outcome: 'success', actor: null })).rejects.toThrow(/closed/);
  });

  it('keeps one chain when a second process appends to the same database', async () => {
    const url = dialect === 'postgres' ? (test.database.dataSource.options as { url: string }).url : undefined;
    const dataDir = dialect === 'sqlite' ? test.database.describe().replace(/\/dwc\.sqlite$/, '') : '/nonexistent';
    const other = await openDatabase({ databaseUrl: url, dataDir, logger: silentLogger });
    const otherAudit = createAuditService({ sql: sqlClientOf(other), logger: silentLogger });
    try {
      await audit.record({ action: 'a.first', outcome: 'success', actor: null });
      for (let round = 0; round < 10; round++) {
        const a = Array.from({ length: 5 }, () => audit.record({ action: `a.round${round}`, outcome: 'success', actor: 'process:a' }));
        // SQLite has one writer: the second connection appends between the first one's batches
        // (its cached head is then stale); Postgres appenders run at the same time.
        if (dialect === 'sqlite') await Promise.all(a);
        await Promise.all([...a, ...Array.from({ length: 5 }, () => otherAudit.record({ action: `b.round${round}`, outcome: 'success', actor: 'process:b' }))]);
      }
      await otherAudit.close();
      expect(await verifyAuditChain(sql)).toMatchObject({ ok: true, checked: 101 });
    } finally {
      await other.close();
    }
  });
});
