import { generate } from 'otplib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_OWNER } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

const STRONG = 'violet tractor sings at noon';

describe.each(['sqlite', 'postgres'] as const)('auth and account routes on %s', (dialect) => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthTestApp(dialect, { DWC_ALLOW_REGISTRATION: 'true', DWC_RATE_LIMIT_AUTH: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const actions = () => t.audit.map((entry) => entry.action);

  it('signs in at both login paths, with the e-mail in any case, and returns the contract shape', async () => {
    for (const path of ['/api/v3/auth/login', '/api/v3/security/auth/login']) {
      const response = await request(t.app).post(path).send({ username: TEST_OWNER.email.toUpperCase(), password: TEST_OWNER.password });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ token_type: 'bearer', expires_in: 900, user: { email: TEST_OWNER.email, role: 'owner', mfa_enabled: false } });
      expect(response.body.access_token.split('.')).toHaveLength(3);
      expect(response.body.refresh_token).toMatch(/^dwcr_/);
      expect(response.body.user.password_hash).toBeUndefined();
    }
    expect(t.audit.filter((entry) => entry.action === 'auth.login' && entry.outcome === 'success').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a wrong password with 401 and records why', async () => {
    const response = await t.login(TEST_OWNER.email, 'not the password at all');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_credentials');
    expect(t.audit.at(-1)).toMatchObject({ action: 'auth.login_failed', outcome: 'failure', detail: { reason: 'bad_password' } });
    await t.login(TEST_OWNER.email, TEST_OWNER.password); // resets the failure count
  });

  it('rotates refresh tokens; reusing an old one ends the whole session', async () => {
    const user = await t.createUser('viewer');
    const first = await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(user.refreshToken);
    const second = await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(second.body.access_token))).status).toBe(200);

    const reused = await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: user.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('refresh_token_reused');
    expect(t.audit.at(-1)).toMatchObject({ action: 'auth.refresh_reuse', actor: `user:${user.id}` });
    // Every token of the family is dead now: the newest refresh token and the access tokens.
    expect((await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: second.body.refresh_token })).status).toBe(401);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(second.body.access_token))).status).toBe(401);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(user.token))).status).toBe(401);
  });

  it('logs out this session, or every session with {"all": true}', async () => {
    const user = await t.createUser('editor');
    const other = (await t.login(user.email, user.password)).body as { access_token: string; refresh_token: string };
    const out = await request(t.app).post('/api/v3/auth/logout').set(bearer(user.token)).send({});
    expect(out.body).toEqual({ sessions_ended: 1 });
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(user.token))).status).toBe(401);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(other.access_token))).status).toBe(200);
    const third = (await t.login(user.email, user.password)).body as { access_token: string };
    const all = await request(t.app).post('/api/v3/auth/logout').set(bearer(third.access_token)).send({ all: true });
    expect(all.body).toEqual({ sessions_ended: 2 });
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(other.access_token))).status).toBe(401);
    expect((await request(t.app).post('/api/v3/auth/refresh').send({ refresh_token: other.refresh_token })).status).toBe(401);
    expect(actions()).toContain('auth.logout_all');
  });

  it('changes a password only with the current one and a strong new one, ending the other sessions', async () => {
    const user = await t.createUser('viewer');
    const other = (await t.login(user.email, user.password)).body as { access_token: string };
    const wrong = await request(t.app).post('/api/v3/auth/password').set(bearer(user.token)).send({ current_password: 'nope nope nope', new_password: 'a brand new orchard lantern' });
    expect(wrong.status).toBe(401);
    const weak = await request(t.app).post('/api/v3/auth/password').set(bearer(user.token)).send({ current_password: user.password, new_password: 'password1' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.details.password.length).toBeGreaterThan(0);
    const ok = await request(t.app).post('/api/v3/auth/password').set(bearer(user.token)).send({ current_password: user.password, new_password: 'a brand new orchard lantern' });
    expect(ok.status).toBe(204);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(user.token))).status).toBe(200);
    expect((await request(t.app).get('/api/v3/auth/me').set(bearer(other.access_token))).status).toBe(401);
    expect((await t.login(user.email, 'a brand new orchard lantern')).status).toBe(200);
    expect(t.audit.some((entry) => entry.action === 'user.password_change' && entry.outcome === 'success' && entry.target === `user:${user.id}`)).toBe(true);
  });

  it('lets admins manage users but keeps owners to owners, and never loses the last owner', async () => {
    const admin = await t.createUser('admin');
    const asAdmin = bearer(admin.token);
    const makeOwner = await request(t.app).post('/api/v3/auth/users').set(asAdmin).send({ email: `o-${dialect}@example.com`, password: STRONG, role: 'owner' });
    expect(makeOwner.status).toBe(403);
    const editor = await request(t.app).post('/api/v3/auth/users').set(asAdmin).send({ email: `Ed-${dialect}@Example.com`, password: STRONG, role: 'editor', name: 'Ed' });
    expect(editor.status).toBe(201);
    const duplicate = await request(t.app).post('/api/v3/auth/users').set(asAdmin).send({ email: `ed-${dialect}@example.com`, password: STRONG, role: 'viewer' });
    expect(duplicate.status).toBe(409);
    const promote = await request(t.app).patch(`/api/v3/auth/users/${editor.body.id}`).set(asAdmin).send({ role: 'owner' });
    expect(promote.status).toBe(403);
    const demote = await request(t.app).patch(`/api/v3/auth/users/${editor.body.id}`).set(asAdmin).send({ role: 'viewer' });
    expect(demote.body.role).toBe('viewer');
    expect(t.audit.at(-1)).toMatchObject({ action: 'user.role_change', before: { role: 'editor' }, after: { role: 'viewer' }, actor: `user:${admin.id}` });
    expect((await request(t.app).delete(`/api/v3/auth/users/${t.owner.id}`).set(asAdmin)).status).toBe(403);

    const asOwner = bearer(t.owner.token);
    const lastOwner = await request(t.app).patch(`/api/v3/auth/users/${t.owner.id}`).set(asOwner).send({ role: 'admin' });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.code).toBe('last_owner');
    expect((await request(t.app).delete(`/api/v3/auth/users/${t.owner.id}`).set(asOwner)).status).toBe(409);

    const list = await request(t.app).get('/api/v3/auth/users').set(asAdmin);
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(`Ed-${dialect}@Example.com`);
    expect((await request(t.app).delete(`/api/v3/auth/users/${editor.body.id}`).set(asAdmin)).status).toBe(204);
    expect((await request(t.app).get(`/api/v3/auth/users/${editor.body.id}`).set(asAdmin)).status).toBe(404);
    expect(actions()).toEqual(expect.arrayContaining(['user.create', 'user.delete']));
  });

  it('refuses the tokens of a disabled user at once', async () => {
    const user = await t.createUser('editor');
    expect((await request(t.app).patch(`/api/v3/auth/users/${user.id}`).set(bearer(t.owner.token)).send({ disabled: true })).status).toBe(200);
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(user.token))).status).toBe(401);
    expect((await t.login(user.email, user.password)).status).toBe(401);
  });

  it('registers viewers when registration is on', async () => {
    const response = await request(t.app).post('/api/v3/auth/register').send({ email: `reg-${dialect}@example.com`, password: STRONG });
    expect(response.status).toBe(201);
    expect(response.body.user.role).toBe('viewer');
    const weak = await request(t.app).post('/api/v3/auth/register').send({ email: `weak-${dialect}@example.com`, password: 'qwerty123' });
    expect(weak.status).toBe(400);
  });

  it('issues API keys shown once, usable as bearer, limited by scopes and by the creator\'s role, revocable', async () => {
    const editor = await t.createUser('editor');
    const tooWide = await request(t.app).post('/api/v3/security/api-keys').set(bearer(editor.token)).send({ name: 'admin key', scopes: ['plugins:admin'] });
    expect(tooWide.status).toBe(403);
    const created = await request(t.app).post('/api/v3/security/api-keys').set(bearer(editor.token)).send({ name: 'ci', scopes: ['workflows:read'] });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^dwc_/);
    expect(key.startsWith(created.body.prefix)).toBe(true);
    expect(t.audit.at(-1)).toMatchObject({ action: 'api_key.create', target: `api_key:${created.body.id}` });

    expect((await request(t.app).get('/api/v3/workflows').set(bearer(key))).status).toBe(200);
    const denied = await request(t.app).post('/api/v3/workflows').set(bearer(key)).send({ name: 'x', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: {} }] });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details).toEqual({ required: 'workflows:write' });

    const listed = await request(t.app).get('/api/v3/security/api-keys').set(bearer(editor.token));
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].key).toBeUndefined();
    expect(listed.body.items[0].last_used_at).not.toBeNull();

    // The creator's role at use time caps the key: demoted to viewer, a `*:*` key cannot write.
    const wide = await request(t.app).post('/api/v3/security/api-keys').set(bearer(editor.token)).send({ name: 'wide', scopes: ['workflows:*'] });
    expect(wide.status).toBe(403);
    const writeKey = (await request(t.app).post('/api/v3/security/api-keys').set(bearer(editor.token)).send({ name: 'writer', scopes: ['workflows:write'] })).body.key as string;
    await request(t.app).patch(`/api/v3/auth/users/${editor.id}`).set(bearer(t.owner.token)).send({ role: 'viewer' });
    expect((await request(t.app).delete('/api/v3/workflows/nope').set(bearer(writeKey))).status).toBe(403);

    const revoked = await request(t.app).delete(`/api/v3/security/api-keys/${created.body.id}`).set(bearer(editor.token));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    expect((await request(t.app).get('/api/v3/workflows').set(bearer(key))).status).toBe(401);
    expect(t.audit.some((entry) => entry.action === 'api_key.revoke')).toBe(true);
  });

  it('enrolls TOTP, then requires a code at login, accepts a recovery code once, and disables with password and code', async () => {
    const user = await t.createUser('viewer');
    const enroll = await request(t.app).post('/api/v3/auth/mfa/enroll').set(bearer(user.token));
    expect(enroll.status).toBe(200);
    expect(enroll.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enroll.body.qr_code).toMatch(/^data:image\/png;base64,/);
    const secret = enroll.body.secret as string;
    expect((await request(t.app).post('/api/v3/auth/mfa/verify').set(bearer(user.token)).send({ code: '000000' })).status).toBe(401);
    const t0 = Math.floor(Date.now() / 1000);
    const verifyCode = await generate({ secret, epoch: t0 });
    const verify = await request(t.app).post('/api/v3/auth/mfa/verify').set(bearer(user.token)).send({ code: verifyCode });
    expect(verify.status).toBe(200);
    const codes = verify.body.recovery_codes as string[];
    expect(codes).toHaveLength(10);

    const noCode = await t.login(user.email, user.password);
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe('mfa_required');
    const wrong = await t.login(user.email, user.password, '123456');
    expect(wrong.body.error.code).toBe('invalid_mfa_code');
    expect(t.audit.at(-1)).toMatchObject({ action: 'auth.mfa_failed', target: `user:${user.id}` });
    // The code used to verify cannot be used again; the next time step's code can, once.
    const nextStep = await generate({ secret, epoch: t0 + 30 });
    expect((await t.login(user.email, user.password, verifyCode)).body.error.code).toBe('invalid_mfa_code');
    expect((await t.login(user.email, user.password, nextStep)).status).toBe(200);
    expect((await t.login(user.email, user.password, nextStep)).status).toBe(401);
    expect((await t.login(user.email, user.password, codes[0])).status).toBe(200);
    expect((await t.login(user.email, user.password, codes[0])).status).toBe(401);

    const disable = await request(t.app).post('/api/v3/auth/mfa/disable').set(bearer(user.token)).send({ password: user.password, code: codes[1] });
    expect(disable.status).toBe(204);
    expect((await t.login(user.email, user.password)).status).toBe(200);
    expect(actions()).toEqual(expect.arrayContaining(['auth.mfa_enroll', 'auth.mfa_verify', 'auth.mfa_disable']));
  });

  it('rates passwords with advice a person can act on', async () => {
    const weak = await request(t.app).post('/api/v3/security/password/validate').send({ password: 'password' });
    expect(weak.status).toBe(200);
    expect(weak.body).toMatchObject({ score: 0, acceptable: false, min_score: 3 });
    expect(weak.body.warning ?? weak.body.suggestions[0]).toBeTruthy();
    const strong = await request(t.app).post('/api/v3/security/password/validate').send({ password: STRONG });
    expect(strong.body.acceptable).toBe(true);
  });
});

describe('registration and first-owner setup', () => {
  it('refuses registration unless it is turned on', async () => {
    const t = await startAuthTestApp('sqlite');
    try {
      const response = await request(t.app).post('/api/v3/auth/register').send({ email: 'r@example.com', password: STRONG });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('registration_disabled');
    } finally {
      await t.close();
    }
  });

  it('refuses setup once an owner exists', async () => {
    const t = await startAuthTestApp('sqlite');
    try {
      const response = await request(t.app).post('/api/v3/auth/setup').send({ setup_token: 'dwcs_guess', email: 'x@example.com', password: STRONG });
      expect(response.status).toBe(401);
      expect(t.audit.at(-1)).toMatchObject({ action: 'auth.setup_failed' });
    } finally {
      await t.close();
    }
  });
});
