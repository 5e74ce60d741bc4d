import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Where the folders the operator chose to watch are kept, in the user-data folder. */
export const WATCH_FOLDERS_FILE = 'watch-folders.json';

export interface WatchFolders {
  /** The folders chosen so far, oldest first. */
  list(): readonly string[];
  /** Adds a folder (an absolute path) and writes the list before returning; a folder already there is kept once. */
  add(folder: string): void;
}

function readList(file: string, warn: (message: string) => void): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`could not read ${file}: ${(error as Error).message}; no chosen folder is watched`);
    return [];
  }
  try {
    const parsed = JSON.parse(text) as { folders?: unknown };
    if (Array.isArray(parsed.folders)) return parsed.folders.filter((f): f is string => typeof f === 'string' && isAbsolute(f));
  } catch {
    // reported below
  }
  warn(`${file} is not a list of folders; no chosen folder is watched until one is chosen again`);
  return [];
}

/**
 * The folders the desktop operator allowed `file_watch` triggers to watch, by choosing them in the
 * folder dialog; kept in `<userData>/watch-folders.json` so they stay allowed after a restart.
 * The headless server has no such list: it allows DWC_WATCH_ROOTS only.
 */
export function openWatchFolders(userDataDir: string, warn: (message: string) => void = () => undefined): WatchFolders {
  const file = join(userDataDir, WATCH_FOLDERS_FILE);
  let folders: readonly string[] = Object.freeze(readList(file, warn));
  return {
    list: () => folders,
    add(folder) {
      if (!isAbsolute(folder)) throw new Error(`a watched folder must be an absolute path, not ${folder}`);
      const normalised = resolve(folder);
      if (folders.includes(normalised)) return;
      const next = Object.freeze([...folders, normalised]);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ folders: next }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
      folders = next;
    },
  };
}
