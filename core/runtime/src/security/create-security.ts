import type { Logger } from 'pino';
import type { DwcConfig } from '../config/settings.js';
import type { SqlClient } from '../storage/sql-client.js';
import { createApiKeyService, type ApiKeyService } from './api-keys/api-key-service.js';
import { createApiKeyStore } from './api-keys/api-key-store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { createLoginLockout } from './lockout/login-lockout.js';
import { createMfaService, type MfaService } from './mfa/mfa-service.js';
import { createRecoveryCodeStore } from './mfa/recovery-code-store.js';
import { checkPasswordStrength, type PasswordStrength } from './passwords/password-strength.js';
import { createSessionStore } from './sessions/session-store.js';
import { createJwtIssuer, type JwtIssuer } from './tokens/jwt-issuer.js';
import { resolveSecretFile } from './tokens/secret-file.js';
import { createAccountService, type AccountService } from './users/account-service.js';
import { createOnboarding, type Onboarding } from './users/onboarding.js';
import { createSetupTokens } from './users/setup-token.js';
import { createUserStore } from './users/user-store.js';

/** File in the data folder holding the generated JWT signing key when `DWC_JWT_SECRET` is not set. */
export const JWT_SECRET_FILE = 'jwt-secret';

export type SecurityConfig = Pick<
  DwcConfig,
  'dataDir' | 'apiToken' | 'jwtSecret' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds' | 'passwordMinScore' | 'allowRegistration' | 'lockoutThreshold' | 'lockoutBaseSeconds' | 'lockoutMaxSeconds'
>;

/** Accounts, sessions, tokens, API keys and MFA: everything the auth routes call. */
export interface SecurityServices {
  auth: AuthService;
  accounts: AccountService;
  onboarding: Onboarding;
  mfa: MfaService;
  apiKeys: ApiKeyService;
  /** Where security events go. */
  audit: AuditRecorder;
  passwordStrength(password: string, userInputs?: string[]): PasswordStrength;
  readonly allowRegistration: boolean;
}

export function createSecurity(options: { sql: SqlClient; config: SecurityConfig; audit: AuditRecorder; logger: Logger }): SecurityServices {
  const { sql, config, audit } = options;
  const logger = options.logger.child({ component: 'security' });
  const users = createUserStore(sql);
  const sessions = createSessionStore(sql);
  const apiKeyStore = createApiKeyStore(sql);
  const recoveryCodes = createRecoveryCodeStore(sql);
  // Resolved on first use, so commands that only inspect (doctor, plugins list) write no key file.
  let issuer: JwtIssuer | undefined;
  const jwtIssuer = (): JwtIssuer => {
    if (issuer === undefined) {
      const jwtSecret = resolveSecretFile({ configured: config.jwtSecret, dataDir: config.dataDir, file: JWT_SECRET_FILE });
      if (jwtSecret.source === 'generated') logger.info({ path: jwtSecret.path }, 'generated a JWT signing key; set DWC_JWT_SECRET to share one between processes on different hosts');
      issuer = createJwtIssuer({ secret: jwtSecret.secret, ttlSeconds: config.accessTokenTtlSeconds });
    }
    return issuer;
  };
  const auth = createAuthService({
    users, sessions, apiKeys: apiKeyStore, recoveryCodes, audit,
    lockout: createLoginLockout(sql, { threshold: config.lockoutThreshold, baseSeconds: config.lockoutBaseSeconds, maxSeconds: config.lockoutMaxSeconds }),
    jwt: { issue: (subject) => jwtIssuer().issue(subject), verify: (token) => jwtIssuer().verify(token) },
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
    serviceToken: config.apiToken,
  });
  const accounts = createAccountService({ sql, users, sessions, audit, passwordMinScore: config.passwordMinScore });
  return {
    auth,
    accounts,
    onboarding: createOnboarding({ users, accounts, auth, setupTokens: createSetupTokens(sql), audit, logger, allowRegistration: config.allowRegistration }),
    mfa: createMfaService({ users, recoveryCodes, audit }),
    apiKeys: createApiKeyService({ apiKeys: apiKeyStore, audit }),
    audit,
    passwordStrength: (password, userInputs) => checkPasswordStrength(password, config.passwordMinScore, userInputs),
    allowRegistration: config.allowRegistration,
  };
}
