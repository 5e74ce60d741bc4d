import { hash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, InputError } from '@dwc/sdk';
import type { ApiKeyStore } from './api-keys/api-key-store.js';
import { API_KEY_PREFIX } from './api-keys/api-key-store.js';
import type { AuditRecorder } from './audit-recorder.js';
import type { LoginLockout } from './lockout/login-lockout.js';
import type { RecoveryCodeStore } from './mfa/recovery-code-store.js';
import { acceptTotp } from './mfa/totp.js';
import { burnPasswordCheck, verifyPassword } from './passwords/password-hasher.js';
import { auditActor, type Principal } from './principal.js';
import type { RequestMeta } from './request-meta.js';
import type { SessionStore } from './sessions/session-store.js';
import type { JwtIssuer } from './tokens/jwt-issuer.js';
import { TooManyAttemptsError } from './too-many-attempts-error.js';
import { publicUser, type PublicUser } from './users/public-user.js';
import type { UserRecord, UserStore } from './users/user-store.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: PublicUser;
}

export interface LoginInput {
  username: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code, when MFA is on. */
  totp?: string;
}

/** Sign-in, token refresh, sign-out, and the check of every presented bearer credential. */
export interface AuthService {
  /** The principal for an access token, an API key or the service token; null (and an audit entry) when refused. */
  verifyBearer(token: string, meta?: RequestMeta): Promise<Principal | null>;
  login(input: LoginInput, meta?: RequestMeta): Promise<TokenPair>;
  refresh(refreshToken: string, meta?: RequestMeta): Promise<TokenPair>;
  /** Ends the caller's session, or all of the user's sessions with `all`; returns how many ended. */
  logout(principal: Principal, options: { all: boolean }, meta?: RequestMeta): Promise<number>;
  /** Starts a session for a user who just proved who they are (setup, registration). */
  issue(user: UserRecord, meta?: RequestMeta): Promise<TokenPair>;
}

export interface AuthServiceOptions {
  users: UserStore;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  recoveryCodes: RecoveryCodeStore;
  lockout: LoginLockout;
  jwt: JwtIssuer;
  audit: AuditRecorder;
  refreshTtlSeconds: number;
  /** `DWC_API_TOKEN`: an explicit service credential acting as an admin, when set. */
  serviceToken?: string;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

export function createAuthService(options: AuthServiceOptions): AuthService {
  const { users, sessions, apiKeys, recoveryCodes, lockout, jwt, audit } = options;
  const serviceDigest = options.serviceToken ? digest(options.serviceToken) : undefined;
  const where = (meta: RequestMeta = {}) => ({ ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });

  const rejected = async (reason: string, meta: RequestMeta | undefined, extra: Record<string, unknown> = {}): Promise<null> => {
    await audit.record({ action: 'auth.token_rejected', outcome: 'failure', actor: null, ...where(meta), detail: { reason, ...extra } });
    return null;
  };

  async function issue(user: UserRecord, meta?: RequestMeta): Promise<TokenPair> {
    const { session, refreshToken } = await sessions.start(user.id, { ...where(meta), ttlSeconds: options.refreshTtlSeconds });
    const access = await jwt.issue({ userId: user.id, sessionId: session.id, tokenVersion: user.tokenVersion });
    return { access_token: access.token, refresh_token: refreshToken, token_type: 'bearer', expires_in: access.expiresIn, user: publicUser(user) };
  }

  async function verifyAccessToken(token: string, meta?: RequestMeta): Promise<Principal | null> {
    const checked = await jwt.verify(token);
    if (!checked.ok) return rejected(checked.reason, meta);
    const { claims } = checked;
    // One query per request: the session joined to its user. Deleting a user revokes and keeps its sessions' rows,
    // so a missing join means the user is gone.
    const found = await users.getBySession(claims.sid);
    if (found === undefined || found.user.id !== claims.sub) {
      const exists = found === undefined ? (await users.get(claims.sub)) !== undefined : true;
      return rejected(exists ? 'session_revoked' : 'user_deleted', meta, { user_id: claims.sub });
    }
    const { user } = found;
    if (user.disabled) return rejected('user_disabled', meta, { user_id: user.id });
    if (found.sessionRevoked) return rejected('session_revoked', meta, { user_id: user.id });
    if (claims.ver !== user.tokenVersion) return rejected('token_version', meta, { user_id: user.id });
    return { subject: user.id, kind: 'user', userId: user.id, role: user.role, scopes: null, sessionId: claims.sid, apiKeyId: null, label: user.email, expiresAt: claims.exp * 1000 };
  }

  async function verifyApiKey(token: string, meta?: RequestMeta): Promise<Principal | null> {
    const key = await apiKeys.findByKey(token);
    if (key === undefined) return rejected('unknown_api_key', meta);
    if (key.revokedAt !== null) return rejected('api_key_revoked', meta, { api_key_id: key.id });
    if (key.expiresAt !== null && key.expiresAt.getTime() <= Date.now()) return rejected('api_key_expired', meta, { api_key_id: key.id });
    const creator = await users.get(key.createdBy);
    if (creator === undefined || creator.disabled) return rejected('api_key_owner_gone', meta, { api_key_id: key.id });
    await apiKeys.touch(key);
    return {
      subject: creator.id, kind: 'api_key', userId: creator.id, role: creator.role, scopes: key.scopes, sessionId: null, apiKeyId: key.id,
      label: `${key.name} (${creator.email})`, expiresAt: key.expiresAt?.getTime() ?? null,
    };
  }

  async function checkSecondFactor(user: UserRecord, code: string | undefined, meta?: RequestMeta): Promise<void> {
    if (!user.mfaEnabled) return;
    if (code === undefined || code === '') {
      throw new AuthenticationError('This account uses two-factor authentication: send the 6-digit code from your app as "totp" (or a recovery code).', { code: 'mfa_required' });
    }
    const ok = (await acceptTotp(users, user, code)) || (code.length > 6 && (await recoveryCodes.consume(user.id, code)));
    if (ok) return;
    await lockout.fail(user.email);
    await audit.record({ action: 'auth.mfa_failed', outcome: 'failure', actor: `user:${user.id}`, actorLabel: user.email, ...where(meta), target: `user:${user.id}` });
    throw new AuthenticationError('The two-factor code is wrong or expired; use the current code from your app or an unused recovery code.', { code: 'invalid_mfa_code' });
  }

  return {
    async verifyBearer(token, meta) {
      if (token.startsWith(API_KEY_PREFIX)) return verifyApiKey(token, meta);
      if (JWT_SHAPE.test(token)) return verifyAccessToken(token, meta);
      if (serviceDigest !== undefined && timingSafeEqual(digest(token), serviceDigest)) {
        return { subject: 'service', kind: 'service', userId: null, role: 'admin', scopes: null, sessionId: null, apiKeyId: null, label: 'DWC_API_TOKEN', expiresAt: null };
      }
      return rejected('unknown_token', meta);
    },

    async login({ username, password, totp }, meta) {
      const wait = await lockout.retryAfter(username);
      if (wait > 0) {
        await audit.record({ action: 'auth.login_failed', outcome: 'failure', actor: null, actorLabel: username.slice(0, 320), ...where(meta), detail: { reason: 'locked', retry_after_seconds: wait } });
        throw new TooManyAttemptsError(`Too many failed sign-ins for this account; try again in ${wait} s.`, wait, { code: 'account_locked' });
      }
      const user = await users.findByEmail(username);
      let reason: string | undefined;
      if (user === undefined) {
        await burnPasswordCheck(password);
        reason = 'unknown_user';
      } else if (!(await verifyPassword(user.passwordHash, password))) reason = 'bad_password';
      else if (user.disabled) reason = 'disabled';
      if (reason !== undefined) {
        const locked = await lockout.fail(username);
        await audit.record({
          action: 'auth.login_failed', outcome: 'failure', actor: user ? `user:${user.id}` : null, actorLabel: username.slice(0, 320), ...where(meta),
          target: user ? `user:${user.id}` : null, detail: { reason },
        });
        if (locked > 0) {
          await audit.record({ action: 'auth.lockout', outcome: 'failure', actor: user ? `user:${user.id}` : null, actorLabel: username.slice(0, 320), ...where(meta), detail: { locked_seconds: locked } });
        }
        throw new AuthenticationError('The user name or password is wrong.', { code: 'invalid_credentials' });
      }
      await checkSecondFactor(user!, totp, meta);
      await lockout.reset(username);
      const pair = await issue(user!, meta);
      await audit.record({ action: 'auth.login', outcome: 'success', actor: `user:${user!.id}`, actorLabel: user!.email, ...where(meta), target: `user:${user!.id}`, detail: { mfa: user!.mfaEnabled } });
      return pair;
    },

    async refresh(refreshToken, meta) {
      const result = await sessions.rotate(refreshToken, options.refreshTtlSeconds);
      if (result.outcome === 'reused') {
        await audit.record({
          action: 'auth.refresh_reuse', outcome: 'failure', actor: `user:${result.session.userId}`, ...where(meta), target: `session:${result.session.id}`,
          detail: { reason: 'a rotated refresh token was presented again; the session was revoked' },
        });
        throw new AuthenticationError('This refresh token was already used; the session has been ended for safety. Sign in again.', { code: 'refresh_token_reused' });
      }
      if (result.outcome !== 'rotated') {
        await audit.record({ action: 'auth.refresh_failed', outcome: 'failure', actor: null, ...where(meta), detail: { reason: result.outcome } });
        throw new AuthenticationError('The refresh token is invalid, expired or revoked; sign in again.', { code: 'invalid_refresh_token' });
      }
      const user = await users.get(result.session.userId);
      if (user === undefined || user.disabled) {
        await sessions.revoke(result.session.id, 'user_gone');
        throw new AuthenticationError('This account no longer exists or is disabled.', { code: 'invalid_refresh_token' });
      }
      const access = await jwt.issue({ userId: user.id, sessionId: result.session.id, tokenVersion: user.tokenVersion });
      return { access_token: access.token, refresh_token: result.refreshToken, token_type: 'bearer', expires_in: access.expiresIn, user: publicUser(user) };
    },

    async logout(principal, { all }, meta) {
      if (principal.userId === null) throw new InputError('The service token has no session to end.', { code: 'no_session' });
      let ended: number;
      if (all) ended = await sessions.revokeAllOf(principal.userId, 'logout_all');
      else if (principal.sessionId !== null) ended = (await sessions.revoke(principal.sessionId, 'logout')) ? 1 : 0;
      else throw new InputError('An API key has no session; revoke the key instead, or send {"all": true}.', { code: 'no_session' });
      await audit.record({ action: all ? 'auth.logout_all' : 'auth.logout', outcome: 'success', actor: auditActor(principal), actorLabel: principal.label, ...where(meta), target: `user:${principal.userId}`, detail: { sessions_ended: ended } });
      return ended;
    },

    issue,
  };
}
