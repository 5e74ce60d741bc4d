import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '@dwc/sdk';
import { createKeyring, type Keyring } from './keyring.js';
import { formatMasterKey, MASTER_KEY_BYTES, parseMasterKey } from './master-key-format.js';

/** Default key file in the data folder. */
export const MASTER_KEY_FILE = 'master.key';

/**
 * The key files of one vault. `path` holds the current key. During a rotation the new key waits
 * in `<path>.next` until every row is re-encrypted; the replaced key is kept in `<path>.previous`
 * so rows a still-running process wrote with it stay readable. All three are mode 0600.
 */
export interface MasterKeyFiles {
  readonly path: string;
  readonly next: string;
  readonly previous: string;
}

export function masterKeyFiles(options: { masterKeyFile?: string; dataDir: string }): MasterKeyFiles {
  const path = resolve(options.masterKeyFile ?? join(options.dataDir, MASTER_KEY_FILE));
  return { path, next: `${path}.next`, previous: `${path}.previous` };
}

/** Reads a key file, refusing one that group or others may read. */
export function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `The master key file ${path} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); run \`chmod 600 ${path}\` and start again.`,
      { code: 'master_key_file_mode' },
    );
  }
  const key = parseMasterKey(readFileSync(path, 'utf8'));
  if (key === undefined) {
    throw new ConfigError(`The master key file ${path} does not hold a 32-byte key (hex or base64); restore it from your backup.`, { code: 'master_key_file_invalid' });
  }
  return key;
}

/** Writes a new key file with mode 0600 (failing if it exists) and makes it durable before returning. */
export function writeKeyFile(path: string, key: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${formatMasterKey(key)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dirname(path));
}

/** Renames a key file and makes the rename durable. */
export function renameKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(dirname(to));
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function newMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

/**
 * The keyring kept in key files. The current key is `path`; when it is missing but `.next` exists
 * (a rotation stopped between its last two renames) `.next` is current; when neither exists a
 * new key is created (first start). `.next` and `.previous` are always loaded for reading.
 */
export function loadKeyringFromFiles(files: MasterKeyFiles, extraReadable: readonly Buffer[] = []): { keyring: Keyring; created: boolean } {
  const next = existsSync(files.next) ? readKeyFile(files.next) : undefined;
  const previous = existsSync(files.previous) ? readKeyFile(files.previous) : undefined;
  let created = false;
  let current: Buffer;
  if (existsSync(files.path)) current = readKeyFile(files.path);
  else if (next !== undefined) current = next;
  else {
    current = newMasterKey();
    writeKeyFile(files.path, current);
    created = true;
  }
  const readable = [next, previous, ...extraReadable].filter((k): k is Buffer => k !== undefined);
  return { keyring: createKeyring(current, readable), created };
}

/** Where this process's master keys come from. */
export type MasterKeySource = { kind: 'env' } | { kind: 'file'; files: MasterKeyFiles; created: boolean };

/**
 * The keyring of the configuration: `DWC_MASTER_KEY` (plus `DWC_MASTER_KEY_PREVIOUS` for reading)
 * when set, otherwise the key files. Bad values stop the process with a ConfigError naming the setting.
 */
export function resolveKeyring(config: { masterKey?: string; masterKeyPrevious?: string; masterKeyFile?: string; dataDir: string }): {
  keyring: Keyring;
  source: MasterKeySource;
} {
  const previous = (config.masterKeyPrevious ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const key = parseMasterKey(part);
      if (key === undefined) throw new ConfigError('DWC_MASTER_KEY_PREVIOUS must be 32-byte keys (hex or base64), comma-separated.');
      return key;
    });
  if (config.masterKey !== undefined && config.masterKey !== '') {
    const key = parseMasterKey(config.masterKey);
    if (key === undefined) throw new ConfigError('DWC_MASTER_KEY must be 32 bytes as 64 hex characters or base64 (make one with `openssl rand -base64 32`).');
    return { keyring: createKeyring(key, previous), source: { kind: 'env' } };
  }
  const files = masterKeyFiles(config);
  const { keyring, created } = loadKeyringFromFiles(files, previous);
  return { keyring, source: { kind: 'file', files, created } };
}
