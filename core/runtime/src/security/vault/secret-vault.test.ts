import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DwcEvent } from '@dwc/sdk';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../../cache/memory-cache-store.js';
import { loadConfig } from '../../config/load-config.js';
import { createEventBus } from '../../events/event-bus.js';
import { discoverPlugins } from '../../plugin-host/discover-plugins.js';
import { createPluginHost } from '../../plugin-host/plugin-host.js';
import { createRegistries } from '../../plugin-host/registries.js';
import { sqlClientOf, type SqlClient } from '../../storage/sql-client.js';
import { openTestDatabase, silentLogger, type TestDatabase } from '../../storage/test-support/open-test-database.js';
import { createAuditService, type AuditService } from '../audit/audit-service.js';
import { createKeyring } from './keyring.js';
import { keyIdOf, parseMasterKey } from './master-key-format.js';
import { loadKeyringFromFiles, masterKeyFiles, newMasterKey, resolveKeyring } from './master-key-files.js';
import { pluginSecretSource } from './plugin-secret-source.js';
import { rotateMasterKey } from './rotate-master-key.js';
import { createSecretVault } from './secret-vault.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-vault-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('master key', () => {
  it('accepts 32 bytes as hex or base64 and nothing else', () => {
    const key = newMasterKey();
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64url'))).toEqual(key);
    expect(parseMasterKey(key.subarray(0, 31).toString('base64'))).toBeUndefined();
    expect(parseMasterKey('correct horse battery staple')).toBeUndefined();
  });

  it('stops the configuration with one line naming DWC_MASTER_KEY, without echoing it', () => {
    expect(() => loadConfig({ env: { DWC_MASTER_KEY: 'not-a-key' }, cwd: freshDir() })).toThrow(/^Invalid configuration: DWC_MASTER_KEY=\(hidden\): must be 32 bytes/);
  });

  it('creates a key file with mode 0600 on first start and reuses it', () => {
    const dataDir = freshDir();
    const first = resolveKeyring({ dataDir });
    const path = join(dataDir, 'master.key');
    expect(first.source).toMatchObject({ kind: 'file', created: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = resolveKeyring({ dataDir });
    expect(second.source).toMatchObject({ kind: 'file', created: false });
    expect(second.keyring.current.id).toBe(first.keyring.current.id);
  });

  it('refuses a key file that group or others can read, saying how to fix it', () => {
    const dataDir = freshDir();
    resolveKeyring({ dataDir });
    const path = join(dataDir, 'master.key');
    chmodSync(path, 0o644);
    expect(() => resolveKeyring({ dataDir })).toThrow(`The master key file ${path} is readable by other users (mode 0644); run \`chmod 600 ${path}\``);
  });

  it('uses DWC_MASTER_KEY when set (no key file) and holds DWC_MASTER_KEY_PREVIOUS for reading', () => {
    const dataDir = freshDir();
    const [current, old] = [newMasterKey(), newMasterKey()];
    const { keyring, source } = resolveKeyring({ dataDir, masterKey: current.toString('hex'), masterKeyPrevious: old.toString('base64') });
    expect(source.kind).toBe('env');
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    expect(keyring.current.id).toBe(keyIdOf(current));
    expect(keyring.has(keyIdOf(old))).toBe(true);
  });
});

describe.each(['sqlite', 'postgres'] as const)('secrets vault on %s', (dialect) => {
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

  it('stores values encrypted and gives them back; lists names without values', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    expect(await vault.set('SLACK_TOKEN', 'xoxb-very-secret', 'user:1')).toEqual({ created: true });
    expect(await vault.set('SLACK_TOKEN', 'xoxb-rotated', 'user:2')).toEqual({ created: false });
    expect(await vault.reveal('SLACK_TOKEN')).toBe('xoxb-rotated');
    expect(await vault.reveal('MISSING')).toBeUndefined();
    const stored = JSON.stringify(await sql.all('SELECT * FROM secrets'));
    expect(stored).not.toContain('xoxb');
    const [summary] = await vault.list();
    expect(summary).toMatchObject({ name: 'SLACK_TOKEN', keyId: vault.keyring().current.id, updatedBy: 'user:2' });
    expect(JSON.stringify(await vault.list())).not.toContain('xoxb');
    expect(await vault.delete('SLACK_TOKEN', 'user:1')).toBe(true);
    expect(await vault.delete('SLACK_TOKEN', 'user:1')).toBe(false);
    const actions = (await audit.list({}, { limit: 10 })).items.map((r) => `${r.action} ${r.target}`);
    expect(actions).toEqual(['secret.delete secret:SLACK_TOKEN', 'secret.set secret:SLACK_TOKEN', 'secret.set secret:SLACK_TOKEN']);
    expect(JSON.stringify(await audit.list({}, { limit: 10 }))).not.toContain('xoxb');
  });

  it('lets concurrent writers of one new name both succeed, exactly one of them creating it', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.set('RACED', `v${i}`, null)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await vault.reveal('RACED')).toMatch(/^v\d$/);
  });

  it('uses a fresh nonce for every encryption', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await vault.set('A', 'same', null);
    await vault.set('B', 'same', null);
    const rows = await sql.all<{ iv: string; ciphertext: string }>('SELECT iv, ciphertext FROM secrets');
    expect(rows[0]!.iv).not.toBe(rows[1]!.iv);
    expect(rows[0]!.ciphertext).not.toBe(rows[1]!.ciphertext);
  });

  it('refuses to decrypt with the wrong key, naming the missing key', async () => {
    const writer = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await writer.set('API_KEY', 'v', null);
    const reader = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await expect(reader.reveal('API_KEY')).rejects.toThrow(`master key ${writer.keyring().current.id}, which this process does not hold`);
  });

  it('refuses a tampered ciphertext, and a row moved under another name', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await vault.set('ONE', 'first value', null);
    await vault.set('TWO', 'second value', null);
    const row = (await sql.get<{ ciphertext: string }>("SELECT ciphertext FROM secrets WHERE name = 'ONE'"))!;
    const bytes = Buffer.from(row.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 0x01;
    await sql.run("UPDATE secrets SET ciphertext = ? WHERE name = 'ONE'", [bytes.toString('base64')]);
    await expect(vault.reveal('ONE')).rejects.toMatchObject({ code: 'secret_integrity_failed' });
    await sql.run("UPDATE secrets SET (ciphertext, iv, auth_tag) = (SELECT ciphertext, iv, auth_tag FROM secrets WHERE name = 'TWO') WHERE name = 'ONE'");
    await expect(vault.reveal('ONE')).rejects.toMatchObject({ code: 'secret_integrity_failed' });
  });

  it('refuses bad names and oversize values without writing', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await expect(vault.set("x'; DROP TABLE secrets; --", 'v', null)).rejects.toMatchObject({ code: 'invalid_secret_name' });
    await expect(vault.set('BIG', 'x'.repeat(70_000), null)).rejects.toMatchObject({ code: 'secret_too_large' });
    expect(await vault.list()).toEqual([]);
  });

  describe('rotation with key files', () => {
    const seed = async (count: number) => {
      const dataDir = freshDir();
      const { keyring, source } = resolveKeyring({ dataDir });
      const vault = createSecretVault({ sql, keyring, audit });
      for (let i = 0; i < count; i++) await vault.set(`S${String(i).padStart(2, '0')}`, `value-${i}`, null);
      return { dataDir, keyring, source, files: masterKeyFiles({ dataDir }) };
    };
    const readAll = async (dataDir: string, count: number) => {
      const { keyring } = resolveKeyring({ dataDir });
      const vault = createSecretVault({ sql, keyring, audit });
      return Promise.all(Array.from({ length: count }, (_, i) => vault.reveal(`S${String(i).padStart(2, '0')}`)));
    };
    const expected = (count: number) => Array.from({ length: count }, (_, i) => `value-${i}`);

    it('re-encrypts every secret under a new key and swaps the key files', async () => {
      const { dataDir, keyring, source, files } = await seed(7);
      const oldFile = readFileSync(files.path, 'utf8');
      const result = await rotateMasterKey({ sql, source, keyring, audit, actor: 'cli:test', batchSize: 3 });
      expect(result).toMatchObject({ mode: 'file', fromKeyId: keyring.current.id, reencrypted: 7, resumed: false });
      expect(readFileSync(files.previous, 'utf8')).toBe(oldFile);
      expect(existsSync(files.next)).toBe(false);
      expect(statSync(files.path).mode & 0o777).toBe(0o600);
      const after = resolveKeyring({ dataDir }).keyring;
      expect(after.current.id).toBe(result.toKeyId);
      expect(new Set((await sql.all<{ key_id: string }>('SELECT key_id FROM secrets')).map((r) => r.key_id))).toEqual(new Set([result.toKeyId]));
      expect(await readAll(dataDir, 7)).toEqual(expected(7));
      expect((await audit.list({ action: 'secret.rotate_master' }, { limit: 1 })).items[0]?.detail).toMatchObject({ reencrypted: 7 });
    });

    it('loses nothing when it crashes midway, keeps reads working, and finishes when run again', async () => {
      const { dataDir, keyring, source, files } = await seed(7);
      // A server started before the rotation: it holds only the old key and reloads its key files on an unknown key id.
      const running = createSecretVault({ sql, keyring, audit, reloadKeyring: () => loadKeyringFromFiles(files).keyring });
      await expect(
        rotateMasterKey({ sql, source, keyring, audit, actor: 'cli:test', batchSize: 3, afterBatch: (n) => {
          if (n === 1) throw new Error('simulated crash');
        } }),
      ).rejects.toThrow('simulated crash');
      expect(existsSync(files.next)).toBe(true);
      const keyIds = (await sql.all<{ key_id: string }>('SELECT key_id FROM secrets ORDER BY name')).map((r) => r.key_id);
      expect(new Set(keyIds).size).toBe(2);
      expect(await readAll(dataDir, 7)).toEqual(expected(7));
      expect(await running.reveal('S00')).toBe('value-0');

      const restarted = resolveKeyring({ dataDir });
      const result = await rotateMasterKey({ sql, source: restarted.source, keyring: restarted.keyring, audit, actor: 'cli:test', batchSize: 3 });
      expect(result).toMatchObject({ resumed: true, reencrypted: 4, toKeyId: keyIds[0] });
      expect(existsSync(files.next)).toBe(false);
      expect(await readAll(dataDir, 7)).toEqual(expected(7));
      expect(await running.reveal('S06')).toBe('value-6');
    });

    it('takes the .next key as current when the crash came between the two renames', async () => {
      const { dataDir, files } = await seed(2);
      const next = newMasterKey();
      const { keyring } = resolveKeyring({ dataDir });
      const vault = createSecretVault({ sql, keyring: createKeyring(next, keyring.keys()), audit });
      await vault.set('S00', 'value-0', null);
      writeFileSync(files.next, `${next.toString('base64')}\n`, { mode: 0o600 });
      const { renameSync } = await import('node:fs');
      renameSync(files.path, files.previous);
      const recovered = resolveKeyring({ dataDir });
      expect(recovered.keyring.current.id).toBe(keyIdOf(next));
      expect(await readAll(dataDir, 2)).toEqual(expected(2));
    });
  });

  it('rotates with DWC_MASTER_KEY: hands out the new key first, then re-encrypts', async () => {
    const oldKey = newMasterKey();
    const { keyring, source } = resolveKeyring({ dataDir: freshDir(), masterKey: oldKey.toString('base64') });
    const vault = createSecretVault({ sql, keyring, audit });
    await vault.set('TOKEN', 'abc', null);
    let printed: string | undefined;
    let printedBeforeWrites = false;
    const result = await rotateMasterKey({
      sql, source, keyring, audit, actor: 'cli:test',
      onNewKey: (key) => (printed = key),
      afterBatch: () => void (printedBeforeWrites = printed !== undefined),
    });
    expect(printedBeforeWrites).toBe(true);
    const next = parseMasterKey(printed!)!;
    expect(result.toKeyId).toBe(keyIdOf(next));
    const after = resolveKeyring({ dataDir: freshDir(), masterKey: printed!, masterKeyPrevious: oldKey.toString('hex') });
    expect(await createSecretVault({ sql, keyring: after.keyring, audit }).reveal('TOKEN')).toBe('abc');
  });

  it('gives a plugin only the secrets its manifest declares, from the vault first, and audits each read', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    await vault.set('FIXTURE_TOKEN', 'from-the-vault', null);
    await vault.set('OTHER_SECRET', 'must-not-leak', null);
    const events = createEventBus(silentLogger);
    const seen: DwcEvent[] = [];
    events.on('fixture.setup', (event) => seen.push(event));
    const host = createPluginHost({
      logger: silentLogger,
      events,
      registries: createRegistries(),
      store: { get: async () => undefined, list: async () => [], save: async () => undefined },
      secrets: pluginSecretSource({ vault, audit, env: { FIXTURE_TOKEN: 'from-env', OTHER_SECRET: 'env-leak' } }),
      cache: createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 }),
      sdkVersion: '1.0.0',
      setupTimeoutMs: 300,
    });
    const fixturesDir = fileURLToPath(new URL('../../../test-fixtures/plugins', import.meta.url));
    await host.load((await discoverPlugins({ pluginsDir: fixturesDir, packageNames: [], cwd: fixturesDir })).candidates);
    expect(seen[0]?.payload).toEqual({ greeting: 'hi', secrets: ['FIXTURE_TOKEN'] });
    await audit.flush();
    const reads = (await audit.list({ action: 'secret.read' }, { limit: 10 })).items;
    expect(reads.map((r) => ({ actor: r.actor, target: r.target, detail: r.detail }))).toEqual([
      { actor: 'plugin:fixture-good', target: 'secret:FIXTURE_TOKEN', detail: { source: 'vault' } },
    ]);
    await host.disposeAll();
  });

  it('falls back to an environment variable of the same name', async () => {
    const vault = createSecretVault({ sql, keyring: createKeyring(newMasterKey()), audit });
    const source = pluginSecretSource({ vault, audit, env: { ONLY_ENV: 'e' } });
    expect(await source.get('ONLY_ENV', 'p')).toBe('e');
    expect(await source.get('NOWHERE', 'p')).toBeUndefined();
    expect((await audit.list({ action: 'secret.read' }, { limit: 10 })).items.map((r) => r.detail)).toEqual([{ source: 'environment' }]);
  });
});
