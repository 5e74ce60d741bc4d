/**
 * The secrets vault: credentials plugins use, stored in `secrets` sealed with AES-256-GCM under
 * the master key (a random 12-byte nonce per encryption, the secret's name as additional
 * authenticated data, so a row copied under another name does not decrypt). Values go in and
 * come out only through `set` and `reveal`; listings carry names, key ids and timestamps.
 * Changes are recorded in the audit log (`secret.set`, `secret.delete`), never with the value.
 */
import { InputError } from '@dwc/sdk';
import { SECRET_NAME_MAX_LENGTH } from '../../storage/entities/secret.js';
import type { SqlClient } from '../../storage/sql-client.js';
import type { AuditRecorder } from '../audit-recorder.js';
import type { Keyring } from './keyring.js';
import { openSecret, sealSecret } from './secret-cipher.js';

/** Secret names: a letter or `_`, then letters, digits, `_`, `.`, `-` (environment-variable style). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const SECRET_VALUE_MAX_BYTES = 64 * 1024;

export interface SecretSummary {
  name: string;
  keyId: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface SecretVault {
  /** Stores (or replaces) a secret; `created` tells which. */
  set(name: string, value: string, actor: string | null): Promise<{ created: boolean }>;
  /** The clear value, or undefined when no such secret exists. Callers decide who may see it. */
  reveal(name: string): Promise<string | undefined>;
  list(): Promise<SecretSummary[]>;
  /** False when there was no such secret. */
  delete(name: string, actor: string | null): Promise<boolean>;
  /** The keyring in use (its current key seals every write). */
  keyring(): Keyring;
}

export function checkSecretName(name: string): void {
  if (name.length === 0 || name.length > SECRET_NAME_MAX_LENGTH || !SECRET_NAME.test(name)) {
    throw new InputError(
      `Secret name "${name.slice(0, 40)}" is not valid: use 1-${SECRET_NAME_MAX_LENGTH} characters, starting with a letter or "_", then letters, digits, "_", "." or "-".`,
      { code: 'invalid_secret_name' },
    );
  }
}

interface SealedRow {
  name: string;
  ciphertext: string;
  iv: string;
  auth_tag: string;
  key_id: string;
}

export const sealedOf = (row: SealedRow) => ({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag, keyId: row.key_id });

/**
 * `reloadKeyring` (key-file setups) is called when a row names a key this process does not hold
 * yet — a `dwc secrets rotate-key` in another process has re-encrypted it — so reads keep working
 * during and after a rotation without a restart.
 */
export function createSecretVault(options: {
  sql: SqlClient;
  /** The keyring, or a function giving it on first use (so commands that never touch secrets never create a key file). */
  keyring: Keyring | (() => Keyring);
  audit: AuditRecorder;
  reloadKeyring?: () => Keyring;
}): SecretVault {
  const { sql, audit } = options;
  let current: Keyring | undefined = typeof options.keyring === 'function' ? undefined : options.keyring;
  const keyring = (): Keyring => (current ??= (options.keyring as () => Keyring)());
  const refreshFor = (keyId: string): void => {
    if (keyring().has(keyId) || options.reloadKeyring === undefined) return;
    current = options.reloadKeyring();
  };
  return {
    keyring,
    async set(name, value, actor) {
      checkSecretName(name);
      if (Buffer.byteLength(value, 'utf8') > SECRET_VALUE_MAX_BYTES) {
        throw new InputError(`Secret "${name}" is too large: at most ${SECRET_VALUE_MAX_BYTES} bytes.`, { code: 'secret_too_large' });
      }
      const sealed = sealSecret(keyring().current, name, value);
      const now = new Date();
      // Insert-or-update without a read first, so two writers of a new name cannot collide on the key.
      let created = false;
      for (let attempt = 0; attempt < 3; attempt++) {
        created =
          (await sql.run(
            'INSERT INTO secrets (name, ciphertext, iv, auth_tag, key_id, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
            [name, sealed.ciphertext, sealed.iv, sealed.authTag, sealed.keyId, now, now, actor],
          )) > 0;
        if (created) break;
        const updated = await sql.run('UPDATE secrets SET ciphertext = ?, iv = ?, auth_tag = ?, key_id = ?, updated_at = ?, updated_by = ? WHERE name = ?', [
          sealed.ciphertext, sealed.iv, sealed.authTag, sealed.keyId, now, actor, name,
        ]);
        if (updated > 0) break;
      }
      await audit.record({ action: 'secret.set', outcome: 'success', actor, target: `secret:${name}`, detail: { created, sealed_with: sealed.keyId } });
      return { created };
    },
    async reveal(name) {
      checkSecretName(name);
      const row = await sql.get<SealedRow>('SELECT name, ciphertext, iv, auth_tag, key_id FROM secrets WHERE name = ?', [name]);
      if (row === undefined) return undefined;
      refreshFor(row.key_id);
      return openSecret(keyring(), name, sealedOf(row));
    },
    async list() {
      const rows = await sql.all<{ name: string; key_id: string; created_at: unknown; updated_at: unknown; updated_by: string | null }>(
        'SELECT name, key_id, created_at, updated_at, updated_by FROM secrets ORDER BY name',
      );
      return rows.map((row) => ({
        name: row.name,
        keyId: row.key_id,
        createdAt: sql.fromDate(row.created_at)!,
        updatedAt: sql.fromDate(row.updated_at)!,
        updatedBy: row.updated_by,
      }));
    },
    async delete(name, actor) {
      checkSecretName(name);
      const deleted = (await sql.run('DELETE FROM secrets WHERE name = ?', [name])) > 0;
      if (deleted) await audit.record({ action: 'secret.delete', outcome: 'success', actor, target: `secret:${name}` });
      return deleted;
    },
  };
}
