import { ConfigError } from '@dwc/sdk';
import { keyIdOf } from './master-key-format.js';

/** One AES-256 master key and its fingerprint. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * The master keys this process holds: `current` encrypts every write; any key in the ring
 * decrypts the rows whose `key_id` names it (so reads keep working while a rotation is under way).
 */
export interface Keyring {
  readonly current: MasterKey;
  /** The key with this fingerprint, or a ConfigError saying which key is missing and how to supply it. */
  require(id: string): MasterKey;
  has(id: string): boolean;
  ids(): string[];
  /** Every key, the current one first. */
  keys(): MasterKey[];
}

export function masterKey(key: Buffer): MasterKey {
  return { id: keyIdOf(key), key };
}

export function createKeyring(current: Buffer | MasterKey, readable: readonly (Buffer | MasterKey)[] = []): Keyring {
  const asKey = (k: Buffer | MasterKey): MasterKey => (Buffer.isBuffer(k) ? masterKey(k) : k);
  const currentKey = asKey(current);
  const byId = new Map<string, MasterKey>([[currentKey.id, currentKey]]);
  for (const k of readable.map(asKey)) if (!byId.has(k.id)) byId.set(k.id, k);
  return {
    current: currentKey,
    has: (id) => byId.has(id),
    ids: () => [...byId.keys()],
    keys: () => [...byId.values()],
    require(id) {
      const found = byId.get(id);
      if (found === undefined) {
        throw new ConfigError(
          `A secret is encrypted with master key ${id}, which this process does not hold (it holds ${[...byId.keys()].join(', ')}); set that key in DWC_MASTER_KEY_PREVIOUS or restore its key file.`,
          { code: 'master_key_missing' },
        );
      }
      return found;
    },
  };
}
