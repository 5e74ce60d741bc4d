import { parseMasterKey, rotateMasterKey, sqlClientOf } from '@dwc/runtime';
import { InputError, NotFoundError } from '@dwc/sdk';
import { cliActor, withRuntime } from './with-runtime.js';

async function readStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text.replace(/\r?\n$/, '');
}

/** `dwc secrets set <name>`: the value is read from standard input (never from the command line, where `ps` would show it). */
export async function secretsSet(name: string): Promise<void> {
  if (process.stdin.isTTY) process.stderr.write(`value for ${name} (end with Ctrl-D): `);
  const value = await readStdin();
  if (value === '') throw new InputError('No value on standard input; pipe it in: `printf %s "$VALUE" | dwc secrets set NAME`.', { code: 'secret_value_missing' });
  await withRuntime({ migrate: true }, async ({ vault }) => {
    const { created } = await vault.set(name, value, cliActor());
    console.log(`${created ? 'stored' : 'replaced'} secret ${name} (sealed with key ${vault.keyring().current.id})`);
  });
}

export async function secretsList(options: { json?: boolean }): Promise<void> {
  await withRuntime({ migrate: true }, async ({ vault }) => {
    const secrets = await vault.list();
    if (options.json) {
      console.log(JSON.stringify(secrets.map((s) => ({ name: s.name, key_id: s.keyId, created_at: s.createdAt, updated_at: s.updatedAt, updated_by: s.updatedBy })), null, 2));
      return;
    }
    if (secrets.length === 0) console.log('no secrets stored');
    for (const s of secrets) console.log(`${s.name}  key ${s.keyId}  updated ${s.updatedAt.toISOString()}${s.updatedBy ? ` by ${s.updatedBy}` : ''}`);
  });
}

export async function secretsDelete(name: string): Promise<void> {
  await withRuntime({ migrate: true }, async ({ vault }) => {
    if (!(await vault.delete(name, cliActor()))) throw new NotFoundError(`No secret named "${name}".`, { code: 'secret_not_found' });
    console.log(`deleted secret ${name}`);
  });
}

/** `dwc secrets rotate-key`: re-encrypts every secret under a new master key (see rotate-master-key.ts for the order of steps). */
export async function secretsRotateKey(options: { newKey?: string; batchSize: string }): Promise<void> {
  const newKey = options.newKey === undefined ? undefined : parseMasterKey(options.newKey);
  if (options.newKey !== undefined && newKey === undefined) throw new InputError('--new-key must be 32 bytes as 64 hex characters or base64 (make one with `openssl rand -base64 32`).', { code: 'invalid_option' });
  const batchSize = Number(options.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new InputError('--batch-size must be a whole number from 1 to 10000', { code: 'invalid_option' });
  await withRuntime({ migrate: true }, async ({ database, audit, masterKeys }) => {
    const { keyring, source } = masterKeys();
    const oldKeys = keyring.keys().map((k) => k.key.toString('base64'));
    const result = await rotateMasterKey({
      sql: sqlClientOf(database), source, keyring, audit, actor: cliActor(), newKey, batchSize,
      onNewKey: (printable) => {
        console.log(`new master key: ${printable}`);
        console.log('Save it now. Secrets are being re-encrypted under it; if this command stops, run it again with --new-key and this key.');
      },
    });
    console.log(`re-encrypted ${result.reencrypted} secret(s) from key ${result.fromKeyId} to key ${result.toKeyId}${result.resumed ? ' (finished an interrupted rotation)' : ''}`);
    if (source.kind === 'file') {
      console.log(`${source.files.path} now holds the new key; the old one is kept in ${source.files.previous} for reading. Running servers read secrets sealed with it without a restart.`);
    } else {
      console.log(`On every server set DWC_MASTER_KEY to the new key and DWC_MASTER_KEY_PREVIOUS=${oldKeys.join(',')} then restart them;`);
      console.log('remove DWC_MASTER_KEY_PREVIOUS once every server runs with the new key and `dwc secrets list` shows only the new key id.');
    }
  });
}
