import { hkdfSync } from 'node:crypto';

/**
 * The desktop's single local operator: the owner account the app signs in by itself. The
 * operator's password and the JWT signing key are derived from the master key (HKDF-SHA256), so
 * neither is ever stored: whoever holds the keychain entry holds the account, as with the secrets.
 */
export const OPERATOR_EMAIL = 'operator@desktop.dwc.localhost';

const derive = (masterKey: string, purpose: string): string =>
  Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'base64'), Buffer.alloc(0), `dwc-desktop:${purpose}`, 32)).toString('base64url');

export function operatorPassword(masterKey: string): string {
  return derive(masterKey, 'operator-password');
}

export function jwtSecretOf(masterKey: string): string {
  return derive(masterKey, 'jwt-secret');
}
