import { createHash } from 'node:crypto';

/** Length of an AES-256 key in bytes. */
export const MASTER_KEY_BYTES = 32;

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]{43}={0,2}$/;

/**
 * A master key written as 64 hex characters or as base64 / base64url of 32 bytes; undefined when
 * the text is neither.
 */
export function parseMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!BASE64.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === MASTER_KEY_BYTES ? bytes : undefined;
}

/** A short, stable fingerprint of a key, stored beside each ciphertext as `key_id`; it reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('dwc-master-key-id:').update(key).digest('hex').slice(0, 12);
}

/** The form printed to operators and written to key files. */
export function formatMasterKey(key: Buffer): string {
  return key.toString('base64');
}
