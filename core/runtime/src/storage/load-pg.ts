import { createRequire } from 'node:module';
import type pg from 'pg';

const require = createRequire(import.meta.url);

/** `pg`, loaded on first use: a SQLite process never pays for it (tests/lazy-packages.test.ts). */
export function loadPg(): typeof pg {
  return require('pg') as typeof pg;
}
