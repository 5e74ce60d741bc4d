import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret from configuration, else a random one generated once into `<dataDir>/<file>` with mode
 * 0600 and reused after (the same pattern as the API token), so no default secret ever exists.
 */
export function resolveSecretFile(options: { configured?: string; dataDir: string; file: string; bytes?: number }): { secret: string; source: 'config' | 'file' | 'generated'; path?: string } {
  if (options.configured) return { secret: options.configured, source: 'config' };
  const path = join(options.dataDir, options.file);
  if (existsSync(path)) return { secret: readFileSync(path, 'utf8').trim(), source: 'file', path };
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(options.bytes ?? 32).toString('base64url');
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process sharing the data folder created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readFileSync(path, 'utf8').trim(), source: 'file', path };
    throw error;
  }
  return { secret, source: 'generated', path };
}
