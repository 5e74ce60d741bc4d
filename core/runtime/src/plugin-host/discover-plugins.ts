import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where a plugin was found. */
export interface PluginCandidate {
  dir: string;
  source: 'folder' | 'package';
}

/**
 * Lists plugin packages: every sub-folder of `pluginsDir` whose package.json has a `"dwc"` field,
 * then each package named in `packageNames`, resolved from `cwd` like an import would be. A listed
 * package that cannot be found is returned in `missing`.
 */
export async function discoverPlugins(options: {
  pluginsDir?: string;
  packageNames: readonly string[];
  cwd: string;
}): Promise<{ candidates: PluginCandidate[]; missing: string[] }> {
  const candidates: PluginCandidate[] = [];
  if (options.pluginsDir && existsSync(options.pluginsDir)) {
    const entries = await readdir(options.pluginsDir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue;
      const dir = join(options.pluginsDir, entry.name);
      if (await hasDwcField(join(dir, 'package.json'))) candidates.push({ dir, source: 'folder' });
    }
  }
  const missing: string[] = [];
  const require = createRequire(join(options.cwd, 'noop.js'));
  for (const name of options.packageNames) {
    const dir = (require.resolve.paths(name) ?? []).map((base) => join(base, name)).find((d) => existsSync(join(d, 'package.json')));
    if (dir) candidates.push({ dir, source: 'package' });
    else missing.push(name);
  }
  return { candidates, missing };
}

async function hasDwcField(path: string): Promise<boolean> {
  try {
    return typeof JSON.parse(await readFile(path, 'utf8')).dwc === 'object';
  } catch {
    return false;
  }
}
