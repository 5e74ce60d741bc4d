import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'dwc';

/** A fresh base32 TOTP secret. */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app reads, and the same as a PNG data URL QR code. */
export async function totpEnrollment(secret: string, account: string): Promise<{ otpauth_uri: string; qr_code: string }> {
  const uri = generateURI({ issuer: TOTP_ISSUER, label: account, secret });
  return { otpauth_uri: uri, qr_code: await QRCode.toDataURL(uri) };
}

/** Checks a 6-digit code, allowing one 30-second step of clock drift either way. */
export async function verifyTotp(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return (await verify({ secret, token: code, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}
