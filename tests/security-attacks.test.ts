import { createHash } from 'node:crypto';
import { defaultRoutes, type Route } from '@dwc/api';
import { JWT_AUDIENCE, JWT_ISSUER, roleAllows, type Role } from '@dwc/runtime';
import { SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv, ownerEnv } from '../bench/lib/server-process.js';
import { sqlClientOf } from '../core/runtime/src/storage/sql-client.js';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TABLES = ['users', 'auth_sessions', 'refresh_tokens', 'api_keys', 'recovery_codes', 'workflows', 'workflow_versions', 'executions', 'jobs', 'documents', 'settings', 'plugin_configs'];
const INJECTIONS = ["' OR '1'='1", "1; DROP TABLE users; --", '" OR ""="', "%' OR 1=1 --", "') UNION SELECT password_hash FROM users --", '\\x00\'', '*/ OR /*'];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(['sqlite', 'postgres'] as const)('attacks on %s', (dialect) => {
  let t: AuthTestApp;
  let viewer: TestUser;
  let editor: TestUser;
  let workflowId: string;

  beforeAll(async () => {
    t = await startAuthTestApp(dialect, { ...noRateLimitEnv, DWC_RATE_LIMIT_AUTH: '1000' });
    viewer = await t.createUser('viewer');
    editor = await t.createUser('editor');
    const created = await request(t.app).post('/api/v3/workflows').set(bearer(t.owner.token)).send({ name: 'target', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: { expression: '1' } }] });
    expect(created.status).toBe(201);
    workflowId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const sql = () => sqlClientOf(t.runtime.database);
  async function snapshot(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await sql().get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
    const hash = createHash('sha256');
    for (const row of await sql().all('SELECT id, role, password_hash, disabled FROM users ORDER BY id')) hash.update(JSON.stringify(row));
    for (const row of await sql().all('SELECT * FROM workflows ORDER BY id')) hash.update(JSON.stringify(row));
    counts[`digest:${hash.digest('hex')}`] = 1;
    return counts;
  }
  const concretePath = (route: Route) => route.path.replace(/\{id\}/g, workflowId).replace(/\{([^}]+)\}/g, 'x1');
  const lastRejection = () => t.audit.filter((entry) => entry.action === 'auth.token_rejected').at(-1);
  const signed = (claims: Record<string, unknown>, secret = ownerEnv.DWC_JWT_SECRET!) =>
    new SignJWT({ sid: 'none', ver: 0, ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT_ISSUER).setAudience(JWT_AUDIENCE).setSubject(viewer.id).setJti('j').sign(new TextEncoder().encode(secret));

  it('refuses a token signed with another key', async () => {
    const [header, payload] = viewer.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(forged))).status).toBe(401);
    expect(lastRejection()).toMatchObject({ outcome: 'failure', detail: { reason: 'bad_signature' } });
    const otherKey = await new SignJWT({ sid: 's', ver: 0 }).setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT_ISSUER).setAudience(JWT_AUDIENCE).setSubject(t.owner.id).setJti('j').setIssuedAt().setNotBefore('0s').setExpirationTime('5m').sign(new TextEncoder().encode('an attacker key that is long enough!!'));
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(otherKey))).status).toBe(401);
    expect(lastRejection()?.detail).toEqual({ reason: 'bad_signature' });
  });

  it('refuses alg "none" and a token whose payload was edited to another user', async () => {
    const [, payload] = viewer.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: t.owner.id })}.`;
    const response = await request(t.app).get('/api/v3/auth/users').set(bearer(unsigned));
    expect(response.status).toBe(401);
    expect(['bad_algorithm', 'malformed']).toContain(lastRejection()?.detail?.reason);
    const [header, , signature] = viewer.token.split('.');
    const escalated = `${header}.${b64({ ...claims, sub: t.owner.id })}.${signature}`;
    expect((await request(t.app).get('/api/v3/auth/users').set(bearer(escalated))).status).toBe(401);
    expect(lastRejection()?.detail).toEqual({ reason: 'bad_signature' });
  });

  it('refuses expired and not-yet-valid tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signed({ iat: now - 3600, nbf: now - 3600, exp: now - 60 });
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(expired))).status).toBe(401);
    expect(lastRejection()?.detail).toEqual({ reason: 'expired' });
    const early = await signed({ iat: now, nbf: now + 3600, exp: now + 7200 });
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(early))).status).toBe(401);
    expect(lastRejection()?.detail).toEqual({ reason: 'not_yet_valid' });
  });

  it('refuses the token of a deleted user', async () => {
    const doomed = await t.createUser('editor');
    expect((await request(t.app).delete(`/api/v3/auth/users/${doomed.id}`).set(bearer(t.owner.token))).status).toBe(204);
    const response = await request(t.app).get('/api/v3/workflows').set(bearer(doomed.token));
    expect(response.status).toBe(401);
    expect(lastRejection()?.detail).toMatchObject({ reason: 'user_deleted', user_id: doomed.id });
    expect((await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: doomed.refreshToken })).status).toBe(401);
  });

  it('revokes the whole family when an old refresh token is replayed', async () => {
    const victim = await t.createUser('viewer');
    const rotated = await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: victim.refreshToken });
    expect(rotated.status).toBe(200);
    const replay = await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: victim.refreshToken });
    expect(replay.status).toBe(401);
    expect(t.audit.at(-1)).toMatchObject({ action: 'auth.refresh_reuse', outcome: 'failure', actor: `user:${victim.id}` });
    expect((await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: rotated.body.refresh_token })).status).toBe(401);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(rotated.body.access_token))).status).toBe(401);
  });

  describe.each(['viewer', 'editor'] as const)('privilege escalation by a %s', (role) => {
    it('gets 403 on every mutating route its role does not grant, with an audit entry, and nothing changes', async () => {
      const user = role === 'viewer' ? viewer : editor;
      const targets = defaultRoutes.filter((route) => MUTATING.has(route.method) && !route.public && !roleAllows(role as Role, route.permission));
      expect(targets.length).toBeGreaterThan(role === 'viewer' ? 20 : 5);
      if (role === 'viewer') expect(targets.map((route) => route.operationId)).toEqual(expect.arrayContaining(['createWorkflow', 'deleteWorkflow', 'createUser', 'configurePlugin']));
      const before = await snapshot();
      for (const route of targets) {
        const denials = t.audit.filter((entry) => entry.action === 'auth.permission_denied').length;
        const call = request(t.app)[route.method.toLowerCase() as 'post'](concretePath(route)).set(bearer(user.token));
        const response = await call.send({ name: 'pwned', role: 'owner', email: 'x@example.com', password: 'correct horse battery staple', steps: [] });
        expect(response.status, `${route.method} ${route.path}`).toBe(403);
        expect(response.body.error).toMatchObject({ code: 'forbidden', details: { required: route.permission } });
        const entries = t.audit.filter((entry) => entry.action === 'auth.permission_denied');
        expect(entries.length, `${route.method} ${route.path}`).toBe(denials + 1);
        expect(entries.at(-1)).toMatchObject({ actor: `user:${user.id}`, target: `${route.method} ${route.path}`, detail: { required: route.permission, role } });
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  it('answers SQL-injection strings in every query filter of every list route with 4xx or no extra rows, never 500', async () => {
    const lists = defaultRoutes.filter((route) => route.method === 'GET' && route.request.query !== undefined && route.path.startsWith('/api/v3/') && !route.path.includes('/ws/'));
    expect(lists.length).toBeGreaterThan(3);
    const before = await snapshot();
    let refused = 0;
    const PROBE = `sqli-probe-${Date.now()}`;
    const auditedRefusals = async () => {
      await t.runtime.audit.flush();
      const page = await t.runtime.audit.list({ action: 'http.request', outcome: 'failure' }, { limit: 1000 });
      return page.items.filter((r) => r.userAgent === PROBE && r.target?.startsWith('GET ') && (r.detail as { status?: number } | null)?.status === 400).length;
    };
    for (const route of lists) {
      const path = concretePath(route);
      const baseline = await request(t.app).get(path).set(bearer(t.owner.token));
      const baseCount = Array.isArray(baseline.body?.items) ? baseline.body.items.length : undefined;
      for (const key of Object.keys(route.request.query!.shape)) {
        for (const injection of INJECTIONS) {
          const response = await request(t.app).get(path).query({ [key]: injection }).set(bearer(t.owner.token)).set('user-agent', PROBE);
          expect(response.status, `${path}?${key}=${injection}`).toBeLessThan(500);
          if (response.status === 200 && baseCount !== undefined && Array.isArray(response.body.items)) {
            expect(response.body.items.length, `${path}?${key}=${injection}`).toBeLessThanOrEqual(baseCount);
          } else if (response.status >= 400) {
            expect(response.body.error.code).toEqual(expect.any(String));
            if (response.status === 400) refused++;
          }
        }
      }
    }
    expect(await snapshot()).toEqual(before);
    // Each string refused as malformed is in the audit log, as a failed request by the owner.
    expect(refused).toBeGreaterThan(0);
    expect(await auditedRefusals()).toBe(refused);
    expect((await t.login(viewer.email, viewer.password)).status).toBe(200);
  });

  it('refuses an oversize body with 413 and changes nothing', async () => {
    const before = await snapshot();
    const huge = { name: 'x'.repeat(2 * 1024 * 1024), trigger: { type: 'manual' }, steps: [] };
    const response = await request(t.app).post('/api/v3/workflows').set(bearer(t.owner.token)).send(huge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect(t.audit.at(-1)).toMatchObject({ action: 'security.oversize_body', target: 'POST /api/v3/workflows', detail: { limit: '1mb' } });
    const login = await request(t.app).post('/api/v3/auth/login').send({ username: 'a', password: 'p'.repeat(2 * 1024 * 1024) });
    expect(login.status).toBe(413);
    expect(t.audit.at(-1)).toMatchObject({ action: 'security.oversize_body', target: 'POST /api/v3/auth/login' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('brute force', () => {
  let t: AuthTestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('a burst on login hits 429 with Retry-After and is audited', async () => {
    t = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_AUTH: '5' });
    const responses = [];
    for (let i = 0; i < 8; i++) responses.push(await request(t.app).post('/api/v3/security/auth/login').send({ username: `nobody${i}@example.com`, password: 'guess guess guess' }));
    const limited = responses.filter((response) => response.status === 429);
    expect(responses.slice(0, 4).every((response) => response.status === 401)).toBe(true);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited[0]!.body.error).toMatchObject({ code: 'rate_limited', details: { limiter: 'auth' } });
    expect(t.audit.filter((entry) => entry.action === 'security.rate_limited')).toHaveLength(limited.length);
  });

  it('locks an account after repeated failures, with growing back-off, even with the right password', async () => {
    const app = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_AUTH: '1000', DWC_LOCKOUT_THRESHOLD: '3', DWC_LOCKOUT_BASE_SECONDS: '30' });
    try {
      const victim = await app.createUser('viewer');
      for (let i = 0; i < 3; i++) expect((await app.login(victim.email, 'wrong password here')).status).toBe(401);
      expect(app.audit.at(-1)).toMatchObject({ action: 'auth.lockout', detail: { locked_seconds: 30 } });
      const locked = await app.login(victim.email, victim.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('account_locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(25);
      expect(app.audit.at(-1)).toMatchObject({ action: 'auth.login_failed', detail: { reason: 'locked' } });
      // The lock lives in the database: another process (here: the same store read again) sees it.
      const row = await sqlClientOf(app.runtime.database).get<{ failures: unknown }>('SELECT failures FROM login_failures WHERE account_key = ?', [victim.email]);
      expect(Number(row?.failures)).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('refuses a wrong TOTP code with 401 and an audit entry', async () => {
    const app = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_AUTH: '1000' });
    try {
      const user = await app.createUser('viewer');
      const enroll = await request(app.app).post('/api/v3/auth/mfa/enroll').set(bearer(user.token));
      const { generate } = await import('otplib');
      await request(app.app).post('/api/v3/auth/mfa/verify').set(bearer(user.token)).send({ code: await generate({ secret: enroll.body.secret }) });
      const wrong = await app.login(user.email, user.password, '000000');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_mfa_code');
      expect(app.audit.at(-1)).toMatchObject({ action: 'auth.mfa_failed', outcome: 'failure', actor: `user:${user.id}` });
    } finally {
      await app.close();
    }
  });
});
