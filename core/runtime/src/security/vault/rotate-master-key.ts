/**
 * Master key rotation: every secret re-encrypted under a new key, while reads keep working.
 *
 * With key files (`master.key`), the steps are ordered so that a crash at any point loses nothing:
 * 1. the new key is written to `master.key.next` (mode 0600, fsync'd) — or, if that file already
 *    exists, an interrupted rotation is resumed with it;
 * 2. the rows not yet under the new key are re-encrypted in batches, each row by one UPDATE that
 *    only applies if the row is unchanged since it was read; every process reading secrets holds
 *    the old and the `.next` key (and reloads its key files when it meets an unknown key id);
 * 3. `master.key` is renamed to `master.key.previous` (still loaded for reading, for rows another
 *    process wrote with the old key meanwhile);
 * 4. `master.key.next` is renamed to `master.key`.
 * A crash during 2 leaves `master.key` + `.next`: both load, and running the command again resumes.
 * A crash between 3 and 4 leaves `.previous` + `.next`: `.next` is taken as current.
 *
 * With `DWC_MASTER_KEY`, the new key is handed to `onNewKey` (printed for the operator) before
 * anything is re-encrypted, so it cannot be lost; the operator then sets `DWC_MASTER_KEY` to it
 * and `DWC_MASTER_KEY_PREVIOUS` to the old one. Running again with `--new-key` resumes.
 */
import { existsSync } from 'node:fs';
import { InputError } from '@dwc/sdk';
import type { SqlClient } from '../../storage/sql-client.js';
import type { AuditRecorder } from '../audit-recorder.js';
import { createKeyring, masterKey, type Keyring } from './keyring.js';
import { formatMasterKey } from './master-key-format.js';
import { newMasterKey, readKeyFile, renameKeyFile, writeKeyFile, type MasterKeySource } from './master-key-files.js';
import { openSecret, sealSecret } from './secret-cipher.js';
import { sealedOf } from './secret-vault.js';

export interface ReencryptOptions {
  batchSize?: number;
  /** Called after each batch is committed (tests use it to simulate a crash midway). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

/** Re-encrypts, under `keyring.current`, every row sealed with another key; returns how many rows changed. */
export async function reencryptSecrets(sql: SqlClient, keyring: Keyring, options: ReencryptOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  let changed = 0;
  for (let batch = 1; ; batch++) {
    const rows = await sql.all<{ name: string; ciphertext: string; iv: string; auth_tag: string; key_id: string }>(
      'SELECT name, ciphertext, iv, auth_tag, key_id FROM secrets WHERE key_id <> ? ORDER BY name LIMIT ?',
      [keyring.current.id, batchSize],
    );
    if (rows.length === 0) return changed;
    let changedInBatch = 0;
    for (const row of rows) {
      const sealed = sealSecret(keyring.current, row.name, openSecret(keyring, row.name, sealedOf(row)));
      changedInBatch += await sql.run('UPDATE secrets SET ciphertext = ?, iv = ?, auth_tag = ?, key_id = ? WHERE name = ? AND key_id = ? AND ciphertext = ?', [
        sealed.ciphertext, sealed.iv, sealed.authTag, sealed.keyId, row.name, row.key_id, row.ciphertext,
      ]);
    }
    changed += changedInBatch;
    await options.afterBatch?.(batch);
    // Every row of the batch was rewritten by someone else meanwhile, still under an old key: stop rather than spin.
    if (changedInBatch === 0) return changed;
  }
}

export interface RotationResult {
  mode: MasterKeySource['kind'];
  fromKeyId: string;
  toKeyId: string;
  reencrypted: number;
  resumed: boolean;
}

export async function rotateMasterKey(options: {
  sql: SqlClient;
  source: MasterKeySource;
  keyring: Keyring;
  audit: AuditRecorder;
  actor: string;
  newKey?: Buffer;
  /** Receives the new key (base64) in `DWC_MASTER_KEY` mode, before any row is re-encrypted. */
  onNewKey?: (printable: string) => void;
} & ReencryptOptions): Promise<RotationResult> {
  const { source, keyring } = options;
  let next: Buffer;
  let resumed = false;
  if (source.kind === 'file' && existsSync(source.files.next)) {
    next = readKeyFile(source.files.next);
    if (options.newKey !== undefined && !options.newKey.equals(next)) {
      throw new InputError(`An earlier rotation to the key in ${source.files.next} did not finish; run \`dwc secrets rotate-key\` without --new-key to finish it first.`);
    }
    resumed = true;
  } else {
    next = options.newKey ?? newMasterKey();
    if (source.kind === 'file') writeKeyFile(source.files.next, next);
    else options.onNewKey?.(formatMasterKey(next));
  }
  const target = masterKey(next);
  const ring = createKeyring(target, keyring.keys());
  const reencrypted = await reencryptSecrets(options.sql, ring, options);
  if (source.kind === 'file') {
    if (existsSync(source.files.path)) renameKeyFile(source.files.path, source.files.previous);
    renameKeyFile(source.files.next, source.files.path);
  }
  const result: RotationResult = { mode: source.kind, fromKeyId: keyring.current.id, toKeyId: target.id, reencrypted, resumed };
  await options.audit.record({
    action: 'secret.rotate_master',
    outcome: 'success',
    actor: options.actor,
    target: 'vault',
    detail: { from: result.fromKeyId, to: result.toKeyId, reencrypted, resumed },
  });
  return result;
}
