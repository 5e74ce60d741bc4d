import { lazyRequire } from '@dwc/sdk';
import type * as Otplib from 'otplib';

const otplib = lazyRequire<typeof Otplib>(import.meta.url, 'otplib');

export const TOTP_ISSUER = 'dwc';

/** A fresh base32 TOTP secret. */
export const newTotpSecret = (): string => otplib().generateSecret();

/** The otpauth:// URI an authenticator app reads, and the same as a PNG data URL QR code. */
export async function totpEnrollment(secret: string, account: string): Promise<{ otpauth_uri: string; qr_code: string }> {
  const uri = otplib().generateURI({ issuer: TOTP_ISSUER, label: account, secret });
  // qrcode is needed only while enrolling, so it is not loaded at start.
  const { default: QRCode } = await import('qrcode');
  return { otpauth_uri: uri, qr_code: await QRCode.toDataURL(uri) };
}

/**
 * Checks a 6-digit code, allowing one 30-second step of clock drift either way. Returns the RFC 6238
 * time step it matched (to be recorded so the code cannot be used again), or null. Steps at or
 * before `afterTimeStep` are refused.
 */
export async function verifyTotp(secret: string, code: string, afterTimeStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await otplib().verify({ secret, token: code, epochTolerance: 30, ...(afterTimeStep === null || afterTimeStep === undefined ? {} : { afterTimeStep }) });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** A current code for `user` that was not used before; records its time step so it works once. */
export async function acceptTotp(
  users: { claimTotpStep(id: string, step: number): Promise<boolean> },
  user: { id: string; mfaSecret: string | null; mfaLastStep: number | null },
  code: string,
): Promise<boolean> {
  if (user.mfaSecret === null) return false;
  const step = await verifyTotp(user.mfaSecret, code, user.mfaLastStep);
  return step !== null && (await users.claimTotpStep(user.id, step));
}
