import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data folder holding the generated API token when `DWC_API_TOKEN` is not set. */
export const API_TOKEN_FILE = 'api-token';

/**
 * The bearer token the API accepts until user accounts exist: `DWC_API_TOKEN`, else a random
 * token generated once and kept in `<dataDir>/api-token` (mode 0600), so no default secret exists.
 */
export function resolveApiToken(options: { configured?: string; dataDir: string }): { token: string; source: 'config' | 'file' | 'generated'; path?: string } {
  if (options.configured) return { token: options.configured, source: 'config' };
  const path = join(options.dataDir, API_TOKEN_FILE);
  if (existsSync(path)) return { token: readFileSync(path, 'utf8').trim(), source: 'file', path };
  mkdirSync(options.dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: 'generated', path };
}

/** The one place a presented bearer token is checked (constant time). */
export function createStaticTokenAuth(expected: string): { verifyBearer(token: string): Promise<{ subject: string } | null> } {
  const expectedDigest = createHash('sha256').update(expected).digest();
  return {
    async verifyBearer(token) {
      const digest = createHash('sha256').update(token).digest();
      return timingSafeEqual(digest, expectedDigest) ? { subject: 'api-token' } : null;
    },
  };
}
