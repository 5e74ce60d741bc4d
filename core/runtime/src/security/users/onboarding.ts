import { AuthenticationError, PermissionError } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { AuditRecorder } from '../audit-recorder.js';
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
    async register(input, meta) {
      if (!options.allowRegistration) throw new PermissionError('Registration is turned off on this server; ask an admin to create your account.', { code: 'registration_disabled' });
      return auth.issue(await accounts.register(input, meta), meta);
    },
  };
}
