import { randomUUID } from 'node:crypto';
import type * as Jose from 'jose';


export const JWT_ISSUER = 'dwc';
export const JWT_AUDIENCE = 'dwc-api';
const ALGORITHM = 'HS256';

// jose (some fifty modules) loads with the first token issued or checked, not at start.
let jose: Promise<typeof Jose> | undefined;
const loadJose = () => (jose ??= import('jose'));

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id. */
  sid: string;
  /** The user's token version when issued; a bump invalidates the token. */
  ver: number;
  exp: number;
  jti: string;
}

export type AccessTokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'not_yet_valid' | 'bad_signature' | 'bad_algorithm' | 'malformed' | 'bad_claims' };

export interface JwtIssuer {
  /** Signs an access token; returns it with its lifetime in seconds. */
  issue(subject: { userId: string; sessionId: string; tokenVersion: number }): Promise<{ token: string; expiresIn: number; expiresAt: number }>;
  verify(token: string): Promise<AccessTokenCheck>;
}

/** Short-lived HS256 access tokens (jose): iss, aud, sub, sid, jti, iat, nbf, exp; only HS256 accepted. */
export function createJwtIssuer(options: { secret: string; ttlSeconds: number }): JwtIssuer {
  const key = new TextEncoder().encode(options.secret);
  return {
    async issue({ userId, sessionId, tokenVersion }) {
      const { SignJWT } = await loadJose();
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ sid: sessionId, ver: tokenVersion })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setIssuer(JWT_ISSUER)
        .setAudience(JWT_AUDIENCE)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + options.ttlSeconds)
        .sign(key);
      return { token, expiresIn: options.ttlSeconds, expiresAt: (now + options.ttlSeconds) * 1000 };
    },
    async verify(token) {
      const { errors, jwtVerify } = await loadJose();
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE, requiredClaims: ['sub', 'sid', 'exp', 'jti', 'nbf'] });
        if (typeof payload.sid !== 'string' || typeof payload.ver !== 'number' || typeof payload.sub !== 'string') return { ok: false, reason: 'bad_claims' };
        return { ok: true, claims: { sub: payload.sub, sid: payload.sid, ver: payload.ver, exp: payload.exp!, jti: payload.jti! } };
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
        if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: error.claim === 'nbf' || error.claim === 'iat' ? 'not_yet_valid' : 'bad_claims' };
        if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature' };
        if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return { ok: false, reason: 'bad_algorithm' };
        return { ok: false, reason: 'malformed' };
      }
    },
  };
}
