import { createECDH, hkdfSync } from 'node:crypto';

/**
 * The desktop's single local operator: the owner account the app signs in by itself (it has a
 * random password nobody knows; see `Onboarding.localOperatorSession`).
 */
export const OPERATOR_EMAIL = 'operator@desktop.dwc.localhost';

/*
 * Keys the headless server would generate into its data folder (the JWT signing key, the web-push
 * VAPID pair) are derived from the master key (HKDF-SHA256) instead, so none is ever stored:
 * whoever holds the keychain entry holds them, as with the secrets in the vault.
 */

const deriveBytes = (masterKey: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'base64'), Buffer.alloc(0), `dwc-desktop:${purpose}`, 32));
const derive = (masterKey: string, purpose: string): string => deriveBytes(masterKey, purpose).toString('base64url');

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
