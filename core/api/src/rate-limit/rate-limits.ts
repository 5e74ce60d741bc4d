import { auditActor } from '@dwc/runtime';
import { lazyRequire } from '@dwc/sdk';
import type { Request, RequestHandler, Response } from 'express';
import type * as ExpressRateLimit from 'express-rate-limit';
import type { Options, Store } from 'express-rate-limit';
import type { ApiDeps } from '../api-deps.js';
import { HttpStatusError } from '../http-status-error.js';
import { requestState } from '../request-context.js';
import { requestMeta } from '../request-meta.js';

/** Limits per window; 0 turns one off. */
export interface RateLimitSettings {
  windowMs: number;
  perIp: number;
  perUser: number;
  /** Credential endpoints (login, refresh, setup, register), per client address. */
  auth: number;
  /** A shared store (Redis) so several processes count together; the default counts in memory. */
  store?: (prefix: string) => Store;
}

export interface RateLimiters {
  perIp: RequestHandler | undefined;
  perUser: RequestHandler | undefined;
  auth: RequestHandler | undefined;
}

// Loaded by the first rate-limited request (/api/v3, /webhook), not at start: it and the IPv6
// subnet helper it sets up (ip-address) cost ~30 ms of CPU that /health does not need.
const loadRateLimit = lazyRequire<typeof ExpressRateLimit>(import.meta.url, 'express-rate-limit');

const clientAddress = (req: Request): string => loadRateLimit().ipKeyGenerator(req.ip ?? 'unknown');

/**
 * The three limiters (express-rate-limit): per address on every `/api/v3` route, per principal after
 * authentication, and a strict one per address on credential endpoints. Over the limit -> 429 with
 * `Retry-After`, the standard error body, and a `security.rate_limited` audit entry.
 */
export function createRateLimiters(deps: ApiDeps): RateLimiters {
  const settings = deps.http.rateLimits;
  const make = (name: string, limit: number | undefined, key: (req: Request, res: Response) => string): RequestHandler | undefined => {
    if (settings === undefined || limit === undefined || limit <= 0) return undefined;
    const options: Partial<Options> = {
      windowMs: settings.windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: key,
      // creationStack would warn: each limiter is made once, by the first request it limits; it
      // also formats a stack trace per limiter.
      validate: { keyGeneratorIpFallback: false, creationStack: false },
      store: settings.store?.(`dwc:rl:${name}:`),
      passOnStoreError: true,
      handler: (req, res, next, options) => {
        const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
        const seconds = Math.max(1, Math.ceil(((info?.resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
        const meta = requestMeta(req);
        const principal = requestState(res).auth;
        deps.auth.audit
          .record({
            action: 'security.rate_limited', outcome: 'failure', actor: principal ? auditActor(principal) : null, ip: meta.ip, userAgent: meta.userAgent,
            target: `${req.method} ${req.path}`, detail: { limiter: name, limit, window_ms: options.windowMs },
          })
          .then(
            () => next(new HttpStatusError(429, 'rate_limited', `Too many requests; wait ${seconds} s before trying again.`, { headers: { 'Retry-After': String(seconds) }, details: { retry_after_seconds: seconds, limiter: name } })),
            next,
          );
      },
    };
    let limiter: RequestHandler | undefined;
    return (req, res, next) => {
      limiter ??= loadRateLimit().rateLimit(options);
      return limiter(req, res, next);
    };
  };
  return {
    perIp: make('ip', settings?.perIp, (req) => clientAddress(req)),
    perUser: make('user', settings?.perUser, (req, res) => {
      const principal = requestState(res).auth;
      return principal === null ? `ip:${clientAddress(req)}` : auditActor(principal);
    }),
    auth: make('auth', settings?.auth, (req) => clientAddress(req)),
  };
}
