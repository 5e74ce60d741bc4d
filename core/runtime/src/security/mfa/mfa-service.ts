import { AuthenticationError, ConflictError, InputError, PermissionError } from '@dwc/sdk';
import type { AuditRecorder } from '../audit-recorder.js';
import { verifyPassword } from '../passwords/password-hasher.js';
import { auditActor, type Principal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { UserRecord, UserStore } from '../users/user-store.js';
import type { RecoveryCodeStore } from './recovery-code-store.js';
import { acceptTotp, newTotpSecret, totpEnrollment } from './totp.js';

/** TOTP two-factor authentication for the signed-in user: enroll, verify (activates), disable. */
export interface MfaService {
  /** Stores a new pending secret and returns it as an otpauth URI and a QR code (PNG data URL). */
  enroll(principal: Principal, meta?: RequestMeta): Promise<{ secret: string; otpauth_uri: string; qr_code: string }>;
  /** Checks a code against the pending secret, turns MFA on and returns recovery codes (shown once). */
  verify(principal: Principal, code: string, meta?: RequestMeta): Promise<{ recovery_codes: string[] }>;
  /** Needs the password and a current code (or a recovery code). */
  disable(principal: Principal, input: { password: string; code: string }, meta?: RequestMeta): Promise<void>;
}

export function createMfaService(options: { users: UserStore; recoveryCodes: RecoveryCodeStore; audit: AuditRecorder }): MfaService {
  const { users, recoveryCodes, audit } = options;
  const where = (meta: RequestMeta = {}) => ({ ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  const current = async (principal: Principal): Promise<UserRecord> => {
    const user = principal.userId === null ? undefined : await users.get(principal.userId);
    if (user === undefined) throw new PermissionError('Two-factor settings belong to a user; sign in as one.', { code: 'not_a_user' });
    return user;
  };
  const record = (principal: Principal, action: string, outcome: 'success' | 'failure', meta?: RequestMeta, detail?: Record<string, unknown>) =>
    audit.record({ action, outcome, actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `user:${principal.userId}`, detail: detail ?? null });

  return {
    async enroll(principal, meta) {
      const user = await current(principal);
      if (user.mfaEnabled) throw new ConflictError('Two-factor authentication is already on; disable it first to enroll a new device.', { code: 'mfa_already_enabled' });
      const secret = newTotpSecret();
      await users.update(user.id, { mfaSecret: secret });
      await record(principal, 'auth.mfa_enroll', 'success', meta);
      return { secret, ...(await totpEnrollment(secret, user.email)) };
    },
    async verify(principal, code, meta) {
      const user = await current(principal);
      if (user.mfaEnabled) throw new ConflictError('Two-factor authentication is already on.', { code: 'mfa_already_enabled' });
      if (user.mfaSecret === null) throw new InputError('Start with POST /api/v3/auth/mfa/enroll, then send a code from your app.', { code: 'mfa_not_enrolled' });
      if (!(await acceptTotp(users, user, code))) {
        await record(principal, 'auth.mfa_failed', 'failure', meta, { during: 'verify' });
        throw new AuthenticationError('The code does not match; check the time on your device and send the current 6-digit code.', { code: 'invalid_mfa_code' });
      }
      await users.update(user.id, { mfaEnabled: true });
      const codes = await recoveryCodes.regenerate(user.id);
      await record(principal, 'auth.mfa_verify', 'success', meta);
      return { recovery_codes: codes };
    },
    async disable(principal, { password, code }, meta) {
      const user = await current(principal);
      if (!user.mfaEnabled) throw new ConflictError('Two-factor authentication is not on.', { code: 'mfa_not_enabled' });
      const passwordOk = await verifyPassword(user.passwordHash, password);
      const codeOk = passwordOk && ((await acceptTotp(users, user, code)) || (code.length > 6 && (await recoveryCodes.consume(user.id, code))));
      if (!codeOk) {
        await record(principal, 'auth.mfa_failed', 'failure', meta, { during: 'disable', reason: passwordOk ? 'code' : 'password' });
        throw new AuthenticationError('The password or the two-factor code is wrong.', { code: passwordOk ? 'invalid_mfa_code' : 'invalid_credentials' });
      }
      await users.update(user.id, { mfaEnabled: false, mfaSecret: null });
      await recoveryCodes.clear(user.id);
      await record(principal, 'auth.mfa_disable', 'success', meta);
    },
  };
}
