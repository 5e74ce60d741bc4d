import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, sqlClientOf, type Runtime } from '@dwc/runtime';
import type { DwcEvent } from '@dwc/sdk';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const TOKEN = 'security-api-test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const SECRET_VALUE = 'xoxb-super-secret-value-42';

describe.each(['sqlite', 'postgres'] as const)('audit, security and secrets routes on %s', (dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let scratch: ScratchDatabase | undefined;
  const alerts: DwcEvent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-security-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const config = loadConfig({
      env: { DWC_API_TOKEN: TOKEN, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_WORKER_CONCURRENCY: '0', DWC_ALERT_LOGIN_FAILURES_PER_IP: '10' },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    runtime.events.on('security.alert', (event) => alerts.push(event));
    app = createApp(composeApiDeps(runtime));
  });
  afterAll(async () => {
    await runtime.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string) => request(app).get(path).set(auth);

  it('stores a secret without ever echoing it, lists names only, deletes it', async () => {
    const created = await request(app).put('/api/v3/security/secrets/SLACK_TOKEN').set(auth).set('user-agent', 'audit-test/1.0').send({ value: SECRET_VALUE });
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    const replaced = await request(app).put('/api/v3/security/secrets/SLACK_TOKEN').set(auth).send({ value: SECRET_VALUE });
    expect(replaced.status).toBe(204);
    const list = await get('/api/v3/security/secrets');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { name: 'SLACK_TOKEN', key_id: runtime.vault.keyring().current.id, created_at: expect.any(String), updated_at: expect.any(String), updated_by: 'service' },
    ]);
    expect(list.text).not.toContain(SECRET_VALUE);
    expect(await runtime.vault.reveal('SLACK_TOKEN')).toBe(SECRET_VALUE);
    await request(app).put('/api/v3/security/secrets/TEMP').set(auth).send({ value: 'x' }).expect(201);
    await request(app).delete('/api/v3/security/secrets/TEMP').set(auth).expect(204);
    await request(app).delete('/api/v3/security/secrets/TEMP').set(auth).expect(404);
  });

  it('refuses malformed secret requests with 400 and writes nothing', async () => {
    for (const [path, body] of [
      ['/api/v3/security/secrets/BAD%20NAME', { value: 'v' }],
      ['/api/v3/security/secrets/OK', { value: '' }],
      ['/api/v3/security/secrets/OK', { value: 42 }],
      ['/api/v3/security/secrets/OK', { value: 'v', extra: true }],
      ['/api/v3/security/secrets/OK', []],
    ] as const) {
      const res = await request(app).put(path).set(auth).send(body as object);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect((await runtime.vault.list()).map((s) => s.name)).not.toContain('OK');
  });

  it('records each mutating request with actor, IP, user agent and route, and never the secret value', async () => {
    await runtime.audit.flush();
    const res = await get('/api/v3/security/audit/logs?action=http.request&limit=50');
    expect(res.status).toBe(200);
    const put = res.body.items.find(
      (r: { target: string; detail: { status: number; params?: { name: string } } }) =>
        r.target === 'PUT /api/v3/security/secrets/{name}' && r.detail.status === 201 && r.detail.params?.name === 'SLACK_TOKEN',
    );
    expect(put).toMatchObject({
      action: 'http.request',
      outcome: 'success',
      actor: 'service',
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      user_agent: 'audit-test/1.0',
      after: { fields: ['value'] },
      detail: { status: 201, params: { name: 'SLACK_TOKEN' }, request_id: expect.any(String) },
    });
    const failed = res.body.items.find((r: { detail: { status: number } }) => r.detail.status === 400);
    expect(failed).toMatchObject({ outcome: 'failure' });
    expect(res.body.items.some((r: { target: string }) => r.target.startsWith('GET '))).toBe(false);
    const everything = await get('/api/v3/security/audit/export?format=json');
    expect(everything.text).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(await sqlClientOf(runtime.database).all('SELECT * FROM audit_events'))).not.toContain(SECRET_VALUE);
  });

  it('treats empty filters, as in the API template, as no filter', async () => {
    const res = await get('/api/v3/security/audit/logs?limit=50&actor=&action=&from=&to=');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('pages with a cursor and with an offset', async () => {
    const first = await get('/api/v3/security/audit/logs?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await get(`/api/v3/security/audit/logs?limit=2&cursor=${first.body.next_cursor}`);
    const byOffset = await get('/api/v3/security/audit/logs?limit=2&offset=2');
    expect(second.body.items.map((r: { seq: number }) => r.seq)).toEqual(byOffset.body.items.map((r: { seq: number }) => r.seq));
    expect(second.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
  });

  it('answers 400 for malformed filters and treats injection strings as plain values', async () => {
    for (const query of ['limit=0', 'limit=abc', 'limit=100000', 'from=yesterday', 'to=2026-13-45', 'cursor=-1', "action=x'%20OR%201=1", 'outcome=maybe', 'offset=-5']) {
      const res = await get(`/api/v3/security/audit/logs?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    }
    await get('/api/v3/security/audit/export?format=xml').expect(400);
    await get('/api/v3/security/stats?window_hours=0').expect(400);
    for (const actor of ["' OR '1'='1", 'x"; DROP TABLE audit_events; --', '%', '\\']) {
      const res = await get(`/api/v3/security/audit/logs?actor=${encodeURIComponent(actor)}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect((await runtime.audit.verify()).ok).toBe(true);
  });

  it('exports CSV and JSON as downloads', async () => {
    const json = await get('/api/v3/security/audit/export?format=json');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="?audit-log-[\d-]+\.json"?$/);
    const records = JSON.parse(json.text) as { seq: number }[];
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    const csv = await get('/api/v3/security/audit/export?format=csv&action=http.request');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('seq,id,occurred_at,action,outcome,actor,actor_label,ip,user_agent,target,before,after,detail,prev_hash,hash');
    expect(csv.text).toContain('PUT /api/v3/security/secrets/{name}');
    const exports = await get('/api/v3/security/events?action=audit.export');
    expect(exports.body.items[0]).toMatchObject({ actor: 'service', target: 'audit_log', detail: { format: 'csv', filter: { action: 'http.request' } } });
  });

  it('raises one alert for a brute-force burst, counts it in the stats and lists it among the security events', async () => {
    for (let i = 0; i < 15; i++) {
      await runtime.audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, ip: '203.0.113.7', detail: { username: `guess${i}`, password: 'never-stored' } });
    }
    await runtime.audit.flush();
    expect(alerts.map((a) => a.payload)).toEqual([{ kind: 'brute_force_ip', ip: '203.0.113.7', count: 10, window_seconds: 300 }]);
    const stats = await get('/api/v3/security/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ failed_logins: { last_hour: 15, last_day: 15 }, alerts: 1, by_outcome: { failure: expect.any(Number) } });
    expect(stats.body.by_action['auth.login_failed']).toBe(15);
    const events = await get('/api/v3/security/events?action=security.alert');
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({ actor: 'system', target: 'ip:203.0.113.7', detail: { kind: 'brute_force_ip', count: 10 } });
    const all = await get('/api/v3/security/events?limit=500');
    expect(all.body.items.every((r: { action: string }) => r.action !== 'http.request')).toBe(true);
    expect(all.text).not.toContain('never-stored');
  });

  it('verifies the chain, names a tampered record, and reports the last verification in the stats', async () => {
    const ok = await get('/api/v3/security/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, checked: expect.any(Number) });
    expect((await get('/api/v3/security/stats')).body.last_verified).toMatchObject({ ok: true, checked: ok.body.checked });
    const sql = sqlClientOf(runtime.database);
    const victim = (await sql.get<{ id: string }>('SELECT id FROM audit_events WHERE seq = 3'))!;
    await sql.run("UPDATE audit_events SET outcome = 'success' WHERE seq = 3 AND outcome = 'failure'");
    await sql.run("UPDATE audit_events SET ip = '10.9.9.9' WHERE seq = 3");
    const bad = await get('/api/v3/security/audit/verify');
    expect(bad.body).toMatchObject({ ok: false, checked: 3, first_bad: { seq: 3, id: victim.id, reason: 'hash_mismatch' } });
  });

  it('requires a token on every audit, security and secrets route', async () => {
    for (const [method, path] of [
      ['get', '/api/v3/security/audit/verify'],
      ['get', '/api/v3/security/audit/logs'],
      ['get', '/api/v3/security/audit/export'],
      ['get', '/api/v3/security/stats'],
      ['get', '/api/v3/security/events'],
      ['get', '/api/v3/security/secrets'],
      ['put', '/api/v3/security/secrets/X'],
      ['delete', '/api/v3/security/secrets/X'],
    ] as const) {
      expect((await request(app)[method](path)).status, `${method} ${path}`).toBe(401);
    }
  });
});
