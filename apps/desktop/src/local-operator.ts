import { createECDH, hkdfSync } from 'node:crypto';

/**
 * The desktop's single local operator: the owner account the app signs in by itself. The
 * operator's password, the JWT signing key and the web-push VAPID pair are derived from the master
 * key (HKDF-SHA256), so none is ever stored: whoever holds the keychain entry holds them, as with
 * the secrets in the vault.
 */
export const OPERATOR_EMAIL = 'operator@desktop.dwc.localhost';

const deriveBytes = (masterKey: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'base64'), Buffer.alloc(0), `dwc-desktop:${purpose}`, 32));
const derive = (masterKey: string, purpose: string): string => deriveBytes(masterKey, purpose).toString('base64url');

export function operatorPassword(masterKey: string): string {
  return derive(masterKey, 'operator-password');
}

export function jwtSecretOf(masterKey: string): string {
  return derive(masterKey, 'jwt-secret');
}

/** The VAPID pair of the notify-push plugin (a P-256 key), so it writes no private key file. */
export function vapidKeysOf(masterKey: string): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  const privateKey = deriveBytes(masterKey, 'vapid-private-key');
  ecdh.setPrivateKey(privateKey);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}
