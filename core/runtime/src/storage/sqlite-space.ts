import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Database } from './database.js';

/** Largest database converted to incremental auto-vacuum at start; VACUUM rewrites the whole file. */
export const AUTO_VACUUM_CONVERT_MAX_BYTES = 64 * 1024 ** 2;
/** Pages one `incremental_vacuum` gives back before other writes get a turn (8 MB of 4 KB pages). */
const PAGES_PER_STEP = 2_000;
/**
 * Free pages are given back only once they are this share of the file: below it, new rows reuse
 * them sooner than moving pages to shrink the file would pay off.
 */
export const RECLAIM_FREE_SHARE = 0.2;
const INCREMENTAL = 2;

/**
 * Turns on `auto_vacuum = INCREMENTAL`, so pages freed by deletes can be given back to the disk
 * (`reclaimSqliteSpace`). A new database gets it before its first table; an existing one needs one
 * VACUUM, done here when the file is small enough to rewrite quickly, else left with a warning.
 */
export function useIncrementalAutoVacuum(db: BetterSqlite3.Database, file: string, logger: Logger): void {
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (tables.n === 0) return;
  const size = fileSize(file);
  if (size > AUTO_VACUUM_CONVERT_MAX_BYTES) {
    logger.warn({ path: file, size_bytes: size }, 'the SQLite database reuses the space of removed executions but cannot give it back to the disk until it is converted: stop dwc and run `sqlite3 <file> "PRAGMA auto_vacuum = INCREMENTAL; VACUUM;"` once');
    return;
  }
  const started = performance.now();
  db.exec('VACUUM');
  logger.info({ path: file, size_bytes: size, ms: Math.round(performance.now() - started) }, 'converted the SQLite database to incremental auto-vacuum');
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Gives the SQLite file's free pages back to the disk once they are `RECLAIM_FREE_SHARE` of it, a
 * few megabytes per write so other writes are not held up, then checkpoints the WAL (passively)
 * so the main file shrinks. Returns the pages freed; 0 on Postgres, which reuses space through
 * autovacuum.
 */
export async function reclaimSqliteSpace(database: Database): Promise<number> {
  if (database.dialect !== 'sqlite') return 0;
  const db = (database.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) return 0;
  const pages = db.pragma('page_count', { simple: true }) as number;
  if ((db.pragma('freelist_count', { simple: true }) as number) < pages * RECLAIM_FREE_SHARE) return 0;
  let freed = 0;
  for (;;) {
    // Between the awaits of a group commit the connection is inside its transaction: wait for the COMMIT.
    while (db.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free === 0) break;
    db.pragma(`incremental_vacuum(${PAGES_PER_STEP})`);
    freed += Math.min(free, PAGES_PER_STEP);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (freed > 0) {
    while (db.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
    db.pragma('wal_checkpoint(PASSIVE)');
  }
  return freed;
}
