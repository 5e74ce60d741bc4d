import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Whether `folder` is `root` or inside it, by their spelled paths. */
export function isInside(folder: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(folder));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The folder's real path when it lies inside one of the roots also after following links; throws otherwise. */
export async function resolveWatchedFolder(folder: string, roots: readonly string[]): Promise<string> {
  const real = await realpath(folder);
  for (const root of roots) {
    if (isInside(real, await realpath(root).catch(() => resolve(root)))) return real;
  }
  throw new Error(`${folder} resolves to ${real}, outside the folders DWC_WATCH_ROOTS allows (${roots.join(', ') || 'none'})`);
}
