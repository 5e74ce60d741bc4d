import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Rebuilds the server bundle from the current dist/ (`npx tsc -b` is the step before tests), so the
 * tests that spawn `dwc` run the code under test as it ships, never a stale bundle. About a second.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/bundle.mjs', import.meta.url))], { stdio: 'inherit' });
}
