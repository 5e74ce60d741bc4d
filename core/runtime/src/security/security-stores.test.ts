import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlClientOf, type SqlClient } from '../storage/sql-client.js';
import { openTestDatabase, type TestDatabase } from '../storage/test-support/open-test-database.js';
import { createApiKeyStore } from './api-keys/api-key-store.js';
import { createLoginLockout } from './lockout/login-lockout.js';
import { createSessionStore } from './sessions/session-store.js';
import { createSetupTokens } from './users/setup-token.js';
import { createUserStore } from './users/user-store.js';

describe.each(['sqlite', 'postgres'] as const)('security stores on %s', (dialect) => {
  let test: TestDatabase;
  let sql: SqlClient;
  beforeEach(async () => {
    test = await openTestDatabase(dialect);
    await test.database.migrate();
    sql = sqlClientOf(test.database);
  });
  afterEach(async () => {
    await test.cleanup();
  });

  it('keeps e-mails unique regardless of case', async () => {
    const users = createUserStore(sql);
    const user = await users.create({ email: 'Ann@Example.com', name: 'Ann', role: 'viewer', passwordHash: 'h' });
    expect((await users.findByEmail('ann@example.COM'))?.id).toBe(user.id);
    await expect(users.create({ email: 'ANN@example.com', name: 'x', role: 'viewer', passwordHash: 'h' })).rejects.toThrow(/already exists/);
  });

  it('stores only hashes of refresh tokens and revokes the family on reuse, also when two uses race', async () => {
    const sessions = createSessionStore(sql);
    const { session, refreshToken } = await sessions.start('user-1', { ttlSeconds: 60 });
    const stored = await sql.all<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens');
    expect(stored.map((row) => row.token_hash)).not.toContain(refreshToken);
    const results = await Promise.all([sessions.rotate(refreshToken, 60), sessions.rotate(refreshToken, 60)]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['reused', 'rotated']);
    expect((await sessions.get(session.id))?.revokedAt).not.toBeNull();
  });

  it('locks with exponential back-off after the threshold, counting racing failures', async () => {
    const lockout = createLoginLockout(sql, { threshold: 3, baseSeconds: 10, maxSeconds: 35 });
    const now = 1_800_000_000_000;
    expect(await Promise.all([lockout.fail('a@example.com', now), lockout.fail('A@example.com', now)])).toEqual([0, 0]);
    expect(await lockout.fail('a@example.com', now)).toBe(10);
    expect(await lockout.retryAfter('a@example.com', now)).toBe(10);
    expect(await lockout.fail('a@example.com', now)).toBe(20);
    expect(await lockout.fail('a@example.com', now)).toBe(35);
    expect(await lockout.retryAfter('a@example.com', now + 36_000)).toBe(0);
    await lockout.reset('a@example.com');
    expect(await lockout.fail('a@example.com', now)).toBe(0);
  });

  it('writes last_used_at of an API key at most once a minute', async () => {
    const keys = createApiKeyStore(sql);
    const { record, key } = await keys.create({ name: 'k', scopes: ['*:read'], createdBy: 'u', expiresAt: null });
    expect((await sql.get<{ key_hash: string }>('SELECT key_hash FROM api_keys'))?.key_hash).not.toBe(key);
    const t0 = new Date('2030-01-01T00:00:00Z');
    await keys.touch(record, t0);
    const used = (await keys.findByKey(key))!;
    expect(used.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await keys.touch(used, new Date(t0.getTime() + 30_000));
    expect((await keys.get(record.id))?.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await keys.touch(used, new Date(t0.getTime() + 61_000));
    expect((await keys.get(record.id))?.lastUsedAt?.getTime()).toBe(t0.getTime() + 61_000);
  });

  it('spends a setup token once, and only the latest one', async () => {
    const tokens = createSetupTokens(sql);
    const old = await tokens.issue();
    const current = await tokens.issue();
    expect(await tokens.consume(old)).toBe(false);
    expect(await Promise.all([tokens.consume(current), tokens.consume(current)])).toEqual(expect.arrayContaining([true, false]));
  });
});
