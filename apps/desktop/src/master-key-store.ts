import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '@dwc/sdk';
import type { SafeStorageApi } from './electron-api.js';

/** The OS keychain as keytar reaches it (only the two calls used here). */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'Document Workflow Chain';
export const KEYCHAIN_ACCOUNT = 'secrets-master-key';
/** The safeStorage fallback's file in the user-data folder: the key, encrypted by the OS. */
export const ENCRYPTED_KEY_FILE = 'master-key.enc';

export type KeyProtection = 'keychain' | 'safe-storage' | 'safe-storage-basic-text';

export interface DesktopMasterKey {
  /** 32 bytes, base64: what DWC_MASTER_KEY takes. */
  key: string;
  protection: KeyProtection;
  created: boolean;
}

/**
 * keytar, when its native module loads (it is archived upstream and its build needs libsecret on
 * Linux, so a packaged app may well lack it); undefined otherwise.
 */
export async function loadKeytar(): Promise<Keychain | undefined> {
  try {
    // By name, so the app builds where the optional dependency is absent.
    const name = 'keytar';
    const module = (await import(name)) as { default?: Keychain } & Partial<Keychain>;
    const keytar = module.default ?? (module as Keychain);
    return typeof keytar.getPassword === 'function' ? keytar : undefined;
  } catch {
    return undefined;
  }
}

const newKey = (): string => randomBytes(32).toString('base64');

/**
 * The secrets master key of the desktop app, never written in clear: kept in the OS keychain
 * through keytar, or (when keytar cannot load or the keychain refuses) encrypted with Electron
 * `safeStorage` into `<userData>/master-key.enc`. Created on first launch.
 */
export async function resolveDesktopMasterKey(options: {
  userDataDir: string;
  keychain: Keychain | undefined;
  safeStorage: SafeStorageApi;
  warn: (message: string) => void;
}): Promise<DesktopMasterKey> {
  const { keychain, safeStorage } = options;
  const file = join(options.userDataDir, ENCRYPTED_KEY_FILE);
  // A key saved by the fallback stays where it is, even if the keychain becomes reachable later.
  if (keychain !== undefined && !existsSync(file)) {
    try {
      const stored = await keychain.getPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
      if (stored !== null && stored !== '') return { key: stored, protection: 'keychain', created: false };
      const key = newKey();
      await keychain.setPassword(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, key);
      return { key, protection: 'keychain', created: true };
    } catch (error) {
      options.warn(`the OS keychain refused the master key (${(error as Error).message}); using Electron safeStorage instead`);
    }
  }
  if (!safeStorage.isEncryptionAvailable()) {
    throw new ConfigError('Neither the OS keychain nor Electron safeStorage can hold the secrets master key; unlock or install a keyring (e.g. gnome-keyring) and start again.', { code: 'master_key_unavailable' });
  }
  const protection: KeyProtection = safeStorage.getSelectedStorageBackend?.() === 'basic_text' ? 'safe-storage-basic-text' : 'safe-storage';
  if (protection === 'safe-storage-basic-text') options.warn('no keyring found: safeStorage falls back to a fixed obfuscation key (basic_text); install gnome-keyring or KWallet to protect the master key');
  if (existsSync(file)) {
    try {
      return { key: safeStorage.decryptString(readFileSync(file)), protection, created: false };
    } catch (error) {
      throw new ConfigError(`The stored master key ${file} could not be decrypted (${(error as Error).message}); restore the keyring, or move the data folder aside to start afresh.`, { code: 'master_key_unreadable', cause: error });
    }
  }
  const key = newKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, safeStorage.encryptString(key), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { key, protection, created: true };
}
