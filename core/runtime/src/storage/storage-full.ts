import type { DwcError } from '@dwc/sdk';
import { runtimeErrors } from '../errors.js';

/** SQLite's "database or disk is full", Postgres's disk_full, the OS's ENOSPC. */
const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);
const FULL_MESSAGE = /database or disk is full|could not extend file|no space left on device/i;

/** Whether `error` (or its cause, or the driver error TypeORM wraps) says the storage is out of space. */
export function isStorageFull(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 16) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const { code, message, cause, driverError } = next as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown };
    if (typeof code === 'string' && FULL_CODES.has(code)) return true;
    if (typeof message === 'string' && FULL_MESSAGE.test(message)) return true;
    pending.push(cause, driverError);
  }
  return false;
}

/** Where the data lives, as a storage-full error names it. */
export interface StorageLocation {
  /** The SQLite data folder, or `the Postgres server at host:port/db (DATABASE_URL)`. */
  folder: string;
  /** How to make room there. */
  how: string;
}

/**
 * Remembers that the storage ran out of space, from the first write that failed so until a probe
 * write that needs room succeeds: readiness reports the condition meanwhile.
 */
export interface StorageMonitor {
  /** A `storage_full` error naming the data folder when `error` is a storage-full failure (and the condition is remembered); otherwise `error` itself. */
  translate(error: unknown): unknown;
  /** The remembered condition, if any. */
  condition(): DwcError | undefined;
  /** While the condition lasts, tries a write that needs room; clears the condition when it succeeds. Returns what remains. */
  recheck(): Promise<DwcError | undefined>;
}

export function createStorageMonitor(location: StorageLocation, probe: () => Promise<void>): StorageMonitor {
  let current: DwcError | undefined;
  let checking: Promise<DwcError | undefined> | undefined;
  const translate = (error: unknown): unknown => {
    if (isStorageFull(error)) {
      if ((error as DwcError | undefined)?.code === 'storage_full') return error;
      current = runtimeErrors.error('storage_full', location, {
        cause: error,
        details: { folder: location.folder, reason: error instanceof Error ? error.message : String(error) },
      });
      return current;
    }
    return error;
  };
  return {
    translate,
    condition: () => current,
    recheck() {
      if (current === undefined) return Promise.resolve(undefined);
      checking ??= probe().then(
        () => (current = undefined),
        (error: unknown) => {
          translate(error);
          return current;
        },
      ).finally(() => (checking = undefined));
      return checking;
    },
  };
}
