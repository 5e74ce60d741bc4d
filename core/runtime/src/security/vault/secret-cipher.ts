import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DwcError } from '@dwc/sdk';
import type { Keyring, MasterKey } from './keyring.js';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A secret value as stored: base64 ciphertext, nonce and GCM tag, and the fingerprint of the key. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  authTag: string;
  keyId: string;
}

/** A stored secret failed authentication: the row was altered, or was sealed under another name or key. */
export class SecretIntegrityError extends DwcError {
  constructor(name: string, options: { cause?: unknown } = {}) {
    super('secret_integrity_failed', `Secret "${name}" failed its integrity check: its stored row was altered or belongs to another name; set it again.`, options);
  }
}

/** Encrypts `value` with AES-256-GCM under `key`, a fresh 12-byte nonce, and the secret's name as additional data. */
export function sealSecret(key: MasterKey, name: string, value: string): SealedSecret {
  const iv = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), keyId: key.id };
}

/** Decrypts a sealed secret with the key its `keyId` names; throws SecretIntegrityError when it does not authenticate. */
export function openSecret(keyring: Keyring, name: string, sealed: SealedSecret): string {
  const key = keyring.require(sealed.keyId);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.authTag, 'base64');
  if (iv.length !== NONCE_BYTES || tag.length !== TAG_BYTES) throw new SecretIntegrityError(name);
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretIntegrityError(name, { cause: error });
  }
}
