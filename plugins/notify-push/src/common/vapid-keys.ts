import { createECDH } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@dwc/sdk';
import type { VapidKeys } from './config.js';

const FILE = 'vapid-keys.json';

/**
 * The VAPID key pair: `VAPID_PUBLIC_KEY`/`VAPID_PRIVATE_KEY` when set, else the pair kept in the
 * plugin's data folder, generated there (mode 0600) on first start. Browsers subscribed with one
 * public key cannot receive pushes signed with another, so the pair must survive restarts.
 */
export function loadVapidKeys(secrets: Readonly<Record<string, string>>, dataDir: string | undefined): VapidKeys {
  const publicKey = secrets.VAPID_PUBLIC_KEY || undefined;
  const privateKey = secrets.VAPID_PRIVATE_KEY || undefined;
  if (publicKey !== undefined || privateKey !== undefined) {
    if (publicKey === undefined || privateKey === undefined) {
      throw new ConfigError('Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (then a pair is generated into the data folder).', { code: 'vapid_keys_incomplete' });
    }
    const keys = { publicKey, privateKey, source: 'environment' as const };
    check(keys, 'VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY');
    return keys;
  }
  if (dataDir === undefined) {
    throw new ConfigError('This host has no data folder to keep VAPID keys in; set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (make them with `npx web-push generate-vapid-keys`).', {
      code: 'vapid_keys_missing',
    });
  }
  const path = join(dataDir, FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const generated = generateVapidKeys();
  try {
    // `wx`: when another process wrote the file first, its pair wins and is read below.
    writeFileSync(path, `${JSON.stringify({ publicKey: generated.publicKey, privateKey: generated.privateKey }, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return { ...generated, source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let stored: { publicKey?: unknown; privateKey?: unknown };
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as typeof stored;
  } catch (error) {
    throw new ConfigError(`${path} is not readable JSON (${(error as Error).message}); restore it from a backup, or delete it to generate a new pair (browsers must then subscribe again).`, {
      code: 'vapid_keys_unreadable',
    });
  }
  const keys = { publicKey: String(stored.publicKey), privateKey: String(stored.privateKey), source: 'data folder' as const };
  check(keys, path);
  return keys;
}

/** A VAPID pair is a P-256 point (65 bytes, uncompressed) and a scalar (32 bytes), both URL-safe base64. */
function check(keys: { publicKey: string; privateKey: string }, where: string): void {
  const base64url = /^[A-Za-z0-9_-]+$/;
  const publicBytes = Buffer.from(keys.publicKey, 'base64url');
  const privateBytes = Buffer.from(keys.privateKey, 'base64url');
  if (!base64url.test(keys.publicKey) || !base64url.test(keys.privateKey) || publicBytes.length !== 65 || publicBytes[0] !== 4 || privateBytes.length !== 32) {
    throw new ConfigError(`The VAPID keys in ${where} are not a P-256 pair in URL-safe base64 (make one with \`npx web-push generate-vapid-keys\`).`, { code: 'vapid_keys_invalid' });
  }
}

/** A fresh VAPID pair, made as web-push's generateVAPIDKeys makes it (without loading web-push at start). */
function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const curve = createECDH('prime256v1');
  curve.generateKeys();
  // The private scalar may come out shorter than 32 bytes: left-pad it.
  const privateKey = Buffer.concat([Buffer.alloc(32), curve.getPrivateKey()]).subarray(-32);
  return { publicKey: curve.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}
