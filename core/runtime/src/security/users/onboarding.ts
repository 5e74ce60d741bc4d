import { randomBytes } from 'node:crypto';
import { AuthenticationError, PermissionError } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { AuditRecorder } from '../audit-recorder.js';
import { hashPassword } from '../passwords/password-hasher.js';
import type { AuthService, TokenPair } from '../auth-service.js';
import type { RequestMeta } from '../request-meta.js';
import type { AccountService } from './account-service.js';
import type { SetupTokens } from './setup-token.js';
import type { UserStore } from './user-store.js';

export interface AccountInput {
  email: string;
  password: string;
  name?: string;
}

/** What `ensureFirstOwner` found or did; a `setup_token` is for the caller to show once (the start banner or log line). */
export type FirstOwner = { state: 'exists' } | { state: 'created'; email: string } | { state: 'setup_token'; token: string };

/** The one line that tells how to spend a setup token, for logs. */
export function setupTokenMessage(token: string, baseUrl = '<server>'): string {
  return `No owner exists yet. Create one with: curl -X POST ${baseUrl}/api/v3/auth/setup -H 'content-type: application/json' -d '{"setup_token":"${token}","email":"you@example.com","password":"..."}' (or set DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD). setup token: ${token}`;
}

/** How people get their first account: the first owner (environment or setup token) and self-registration. */
export interface Onboarding {
  /**
   * At start: with `admin` given and no owner yet, creates that owner; with neither, issues a
   * setup token and returns it. Returns what it did.
   */
  ensureFirstOwner(admin: { email?: string; password?: string }): Promise<FirstOwner>;
  /** `POST /api/v3/auth/setup`: spends the setup token, creates the owner, signs them in. */
  setup(token: string, input: AccountInput, meta?: RequestMeta): Promise<TokenPair>;
  /** `POST /api/v3/auth/register` when registration is on: a viewer, signed in. */
  register(input: AccountInput, meta?: RequestMeta): Promise<TokenPair>;
  /**
   * The desktop app's single local operator: a session for the owner with `email`, created first
   * when no owner exists yet, with a random password nobody knows (the app signs the operator in;
   * there is nothing to type, nor any password strength to check). Clears any setup token.
   * Refuses (`not_local_operator`) when the data already has another owner, or this one is disabled.
   */
  localOperatorSession(email: string, meta?: RequestMeta): Promise<TokenPair>;
}

export function createOnboarding(options: {
  users: UserStore; accounts: AccountService; auth: AuthService; setupTokens: SetupTokens; audit: AuditRecorder; logger: Logger; allowRegistration: boolean;
}): Onboarding {
  const { users, accounts, auth, setupTokens, audit, logger } = options;
  return {
    async ensureFirstOwner(admin) {
      if ((await users.countByRole('owner')) > 0) {
        await setupTokens.clear();
        return { state: 'exists' };
      }
      if (admin.email !== undefined && admin.password !== undefined) {
        const owner = await accounts.createFirstOwner({ email: admin.email, password: admin.password });
        await setupTokens.clear();
        logger.info({ email: owner.email }, `created the first owner ${owner.email} from DWC_ADMIN_EMAIL`);
        return { state: 'created', email: owner.email };
      }
      return { state: 'setup_token', token: await setupTokens.issue() };
    },
    async setup(token, input, meta) {
      if (!(await setupTokens.consume(token))) {
        await audit.record({ action: 'auth.setup_failed', outcome: 'failure', actor: null, ip: meta?.ip ?? null, userAgent: meta?.userAgent ?? null, detail: { reason: 'invalid setup token' } });
        throw new AuthenticationError('The setup token is wrong or was already used; use the one in the server log of the latest start.', { code: 'invalid_setup_token' });
      }
      try {
        const owner = await accounts.createFirstOwner(input, meta);
        return await auth.issue(owner, meta);
      } catch (error) {
        // A refused password must not burn the token: put a fresh one in place and say so in the log.
        if ((await users.countByRole('owner')) === 0) {
          const fresh = await this.ensureFirstOwner({});
          if (fresh.state === 'setup_token') logger.warn({ setup_token: fresh.token }, `The setup token was spent on a refused password; here is a new one. ${setupTokenMessage(fresh.token)}`);
        }
        throw error;
      }
    },
    async localOperatorSession(email, meta) {
      let user = await users.findByEmail(email);
      if (user === undefined && (await users.countByRole('owner')) === 0) {
        user = await users.create({ email, name: 'Operator', role: 'owner', passwordHash: await hashPassword(randomBytes(32).toString('base64url')) });
        await setupTokens.clear();
        await audit.record({ action: 'user.create', outcome: 'success', actor: 'system', ip: null, userAgent: null, target: `user:${user.id}`, after: { email: user.email, role: 'owner' }, detail: { first_owner: true, local_operator: true } });
        logger.info({ email }, 'created the local operator of the desktop app');
      }
      if (user === undefined || user.role !== 'owner' || user.disabled) {
        throw new PermissionError(`The owner of this data folder is not the local operator ${email} (or is disabled); sign in with that owner's account instead.`, { code: 'not_local_operator' });
      }
      return auth.issue(user, meta);
    },
    async register(input, meta) {
      if (!options.allowRegistration) throw new PermissionError('Registration is turned off on this server; ask an admin to create your account.', { code: 'registration_disabled' });
      return auth.issue(await accounts.register(input, meta), meta);
    },
  };
}
