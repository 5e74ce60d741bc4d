import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// The four functions used, not semver's index (which loads every module of the package at start).
import major from 'semver/functions/major.js';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { CAPABILITY_KIND_NAMES, CAPABILITY_ID } from '@dwc/sdk';
import { z } from 'zod';
import { PluginLoadError } from './plugin-load-error.js';

const capabilityKind = z.enum(CAPABILITY_KIND_NAMES);

/** The part of a plugin's package.json the host reads before importing any of its code. */
export const pluginManifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().refine((v) => valid(v) !== null, 'must be a semver version'),
  description: z.string().default(''),
  dwc: z
    .object({
      kinds: z.array(capabilityKind).min(1, 'must list at least one capability kind'),
      sdk: z.string().refine((r) => validRange(r) !== null, 'must be a semver range such as ^1.0.0'),
      /**
       * The types the plugin registers, by kind (e.g. `{"ai-provider": ["openai"]}`), so the host can
       * say which plugin provides a type even when that plugin is disabled or failed to load.
       */
      /** The plugin's name and description in other languages, shown even when its code did not load. */
      i18n: z.strictObject({ es: z.strictObject({ name: z.string().min(1).optional(), description: z.string().min(1).optional() }).optional() }).optional(),
      provides: z.partialRecord(capabilityKind, z.array(z.string().regex(CAPABILITY_ID, 'must be a capability id such as "openai" or "ai.generate"'))).default({}),
    })
    .refine((dwc) => Object.keys(dwc.provides).every((kind) => dwc.kinds.includes(kind as never)), {
      message: 'every kind under "provides" must also be listed in "kinds"',
      path: ['provides'],
    }),
});

export type PluginManifest = z.output<typeof pluginManifestSchema> & {
  /** Absolute path of the package folder. */
  dir: string;
  /** Absolute path of the module to import. */
  entry: string;
};

/** Reads and validates `<dir>/package.json`. */
export async function readPluginManifest(dir: string): Promise<PluginManifest> {
  const path = join(dir, 'package.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new PluginLoadError(dir, 'plugin_manifest_invalid', `cannot read ${path}: ${(error as Error).message}`);
  }
  const name = typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : dir;
  const parsed = pluginManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ');
    throw new PluginLoadError(name, 'plugin_manifest_invalid', `package.json is not a valid plugin manifest: ${problems}`, {
      details: { path },
    });
  }
  return { ...parsed.data, dir, entry: join(dir, entryOf(raw as PackageJson)) };
}

/** Refuses a plugin whose `dwc.sdk` range does not accept the host's SDK version. */
export function checkSdkRange(manifest: PluginManifest, sdkVersion: string): void {
  if (!satisfies(sdkVersion, manifest.dwc.sdk)) {
    throw new PluginLoadError(
      manifest.name,
      'plugin_sdk_mismatch',
      `needs @dwc/sdk ${manifest.dwc.sdk} but this host provides ${sdkVersion}; install a version of the plugin built for @dwc/sdk ${major(sdkVersion)}.x.`,
    );
  }
}

interface PackageJson {
  main?: string;
  exports?: unknown;
}

function entryOf(pkg: PackageJson): string {
  const root = typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports
    ? (pkg.exports as Record<string, unknown>)['.']
    : pkg.exports;
  return pickImportTarget(root) ?? pkg.main ?? 'index.js';
}

function pickImportTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null) return undefined;
  const conditions = target as Record<string, unknown>;
  for (const condition of ['import', 'node', 'default']) {
    const picked = pickImportTarget(conditions[condition]);
    if (picked) return picked;
  }
  return undefined;
}
