import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENCRYPTED_KEY_FILE, KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, loadKeytar, resolveDesktopMasterKey, type Keychain } from './master-key-store.js';
import { fakeSafeStorage } from './test-support/fake-electron.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-key-'));
  folders.push(dir);
  return dir;
};
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function memoryKeychain(fail = false): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    async getPassword(service, account) {
      if (fail) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      return entries.get(`${service}/${account}`) ?? null;
    },
    async setPassword(service, account, password) {
      entries.set(`${service}/${account}`, password);
    },
  };
}

describe('the desktop master key', () => {
  it('is created once in the OS keychain and read back from it, with no file written', async () => {
    const dir = folder();
    const keychain = memoryKeychain();
    const first = await resolveDesktopMasterKey({ userDataDir: dir, keychain, safeStorage: fakeSafeStorage(), warn: () => undefined });
    expect(first).toMatchObject({ protection: 'keychain', created: true });
    expect(Buffer.from(first.key, 'base64')).toHaveLength(32);
    expect(keychain.entries.get(`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`)).toBe(first.key);
    const again = await resolveDesktopMasterKey({ userDataDir: dir, keychain, safeStorage: fakeSafeStorage(), warn: () => undefined });
    expect(again).toEqual({ key: first.key, protection: 'keychain', created: false });
    expect(() => statSync(join(dir, ENCRYPTED_KEY_FILE))).toThrow();
  });

  it('falls back to safeStorage when keytar cannot load, keeping only ciphertext on disk', async () => {
    const dir = folder();
    const safeStorage = fakeSafeStorage();
    const first = await resolveDesktopMasterKey({ userDataDir: dir, keychain: undefined, safeStorage, warn: () => undefined });
    expect(first).toMatchObject({ protection: 'safe-storage', created: true });
    const stored = readFileSync(join(dir, ENCRYPTED_KEY_FILE));
    expect(stored.toString('latin1')).not.toContain(first.key);
    expect(stored.toString('latin1')).not.toContain(Buffer.from(first.key, 'base64').toString('hex'));
    expect(statSync(join(dir, ENCRYPTED_KEY_FILE)).mode & 0o077).toBe(0);
    const again = await resolveDesktopMasterKey({ userDataDir: dir, keychain: undefined, safeStorage, warn: () => undefined });
    expect(again.key).toBe(first.key);
  });

  it('falls back to safeStorage when the keychain refuses, and stays there once it has a key file', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const safeStorage = fakeSafeStorage();
    const first = await resolveDesktopMasterKey({ userDataDir: dir, keychain: memoryKeychain(true), safeStorage, warn: (m) => warnings.push(m) });
    expect(first.protection).toBe('safe-storage');
    expect(warnings[0]).toMatch(/keychain refused/);
    const working = memoryKeychain();
    const later = await resolveDesktopMasterKey({ userDataDir: dir, keychain: working, safeStorage, warn: () => undefined });
    expect(later).toMatchObject({ key: first.key, protection: 'safe-storage' });
    expect(working.entries.size).toBe(0);
  });

  it('warns when safeStorage has no keyring behind it (basic_text)', async () => {
    const warnings: string[] = [];
    const key = await resolveDesktopMasterKey({ userDataDir: folder(), keychain: undefined, safeStorage: fakeSafeStorage({ backend: 'basic_text' }), warn: (m) => warnings.push(m) });
    expect(key.protection).toBe('safe-storage-basic-text');
    expect(warnings.join()).toMatch(/basic_text/);
  });

  it('refuses to start with master_key_unavailable when neither can hold it, rather than write it in clear', async () => {
    await expect(resolveDesktopMasterKey({ userDataDir: folder(), keychain: undefined, safeStorage: fakeSafeStorage({ available: false }), warn: () => undefined })).rejects.toMatchObject({ code: 'master_key_unavailable' });
  });

  it('refuses with master_key_unreadable when the key file cannot be decrypted', async () => {
    const dir = folder();
    await resolveDesktopMasterKey({ userDataDir: dir, keychain: undefined, safeStorage: fakeSafeStorage(), warn: () => undefined });
    await expect(resolveDesktopMasterKey({ userDataDir: dir, keychain: undefined, safeStorage: fakeSafeStorage(), warn: () => undefined })).rejects.toMatchObject({ code: 'master_key_unreadable' });
  });

  it('loads keytar when its native module is built, and answers undefined when it is not', async () => {
    const keytar = await loadKeytar();
    let built = true;
    try {
      const name = 'keytar';
      await import(name);
    } catch {
      built = false;
    }
    expect(keytar !== undefined).toBe(built);
  });
});
