// Bundles the headless server (apps/server/bundle/) and the desktop main process
// (apps/desktop/bundle/) from the tsc output, so a start loads a few files instead of ~1,400:
// module resolution and loading was most of the cold start.
// Run by `npm run build` after `tsc -b`. Left external:
// - @dwc/sdk and zod: plugins are loaded from their folders and import @dwc/sdk themselves; one
//   SDK (and one zod) in the process keeps instanceof, error classes and registries shared;
// - native modules and what the code loads lazily with createRequire/lazyRequire (pg, ioredis,
//   ajv, ...): resolved from node_modules as before, only when used;
// - optional dependencies that are not installed (typeorm's other database drivers).
// typeorm is bundled: it is required at every start and was ~300 files to resolve and read; pg
// too (~40 files on a Postgres start), one copy for typeorm, storage/load-pg.ts and the event bridge.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Packages resolved from node_modules at run time rather than copied into the bundle. */
export const external = ['@dwc/sdk', 'zod', 'zod/*', 'better-sqlite3', '@node-rs/*', 'pg-native', 'ioredis', 'electron', 'keytar', 'electron-updater'];

// Bundled CommonJS calls require() for Node built-ins; an ES module has no require of its own.
const banner = [
  "import { createRequire as __dwcCreateRequire } from 'node:module';",
  "import { fileURLToPath as __dwcFileURLToPath } from 'node:url';",
  'const require = __dwcCreateRequire(import.meta.url);',
  'const __filename = __dwcFileURLToPath(import.meta.url);',
  "const __dirname = __dwcFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/**
 * storage/typeorm.ts and storage/load-pg.ts require their package through createRequire (see
 * there); esbuild bundles only a plain require(), which stays lazy: evaluated when first called.
 */
const requiredThroughCreateRequire = [
  { file: /core[\\/]runtime[\\/]dist[\\/]storage[\\/]typeorm\.js$/, from: "createRequire(import.meta.url)('typeorm')", to: "require('typeorm')" },
  { file: /core[\\/]runtime[\\/]dist[\\/]storage[\\/]load-pg\.js$/, from: 'const require = createRequire(import.meta.url);', to: '' },
];
const bundleRequired = {
  name: 'bundle-required',
  setup(build) {
    for (const { file, from, to } of requiredThroughCreateRequire) {
      build.onLoad({ filter: file }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes(from)) throw new Error(`${path}: "${from}" was not found; update scripts/bundle.mjs`);
        return { contents: source.replace(from, to), loader: 'js' };
      });
    }
  },
};

/** Bare imports that do not resolve (optional peers nobody installed) stay require()s that fail only if reached. */
const leaveMissingExternal = {
  name: 'leave-missing-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe' || args.path.startsWith('node:')) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'probe' });
      return found.errors.length > 0 ? { path: args.path, external: true } : undefined;
    });
  },
};

/** One ES module per entry, each a sibling of the paths.ts-style `../../..` lookups it replaces. */
const targets = [
  {
    outdir: 'apps/server/bundle',
    entryPoints: {
      cli: 'apps/server/dist/cli.js',
      // forked by the expression process pool from beside the module that forks it
      'expression-process': 'core/runtime/dist/engine/expressions/expression-process.js',
    },
  },
  {
    outdir: 'apps/desktop/bundle',
    entryPoints: {
      main: 'apps/desktop/dist/main.js',
      // the embedded server as main starts it, for bench/desktop.ts (shares main's chunks)
      index: 'apps/desktop/dist/index.js',
      'expression-process': 'core/runtime/dist/engine/expressions/expression-process.js',
    },
    // loaded by Electron into the sandboxed window from beside main.js, not imported
    copy: ['apps/desktop/dist/preload.cjs'],
  },
  // Each in-tree plugin's own modules in one file (its package.json exports it; a plugin was ~6
  // modules, 25 plugins ~150); its dependencies, @dwc/sdk first, stay packages it imports.
  ...readdirSync(new URL('../plugins', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`../plugins/${entry.name}/dist/index.js`, import.meta.url)))
    .map((entry) => ({ outdir: `plugins/${entry.name}/bundle`, entryPoints: { index: `plugins/${entry.name}/dist/index.js` }, packages: 'external' })),
];

for (const target of targets) {
  // chunk names carry content hashes: start empty so no stale chunk stays behind
  await rm(new URL(`../${target.outdir}`, import.meta.url), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: target.entryPoints,
    outdir: target.outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Each dynamic import() becomes its own chunk, loaded when reached: without it the external
    // packages a lazily imported module imports (ioredis, ...) would be imported at start.
    splitting: true,
    // beside the entries: bundled code finds files relative to import.meta.url at the depth of dist/
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    // Stack traces need only the mappings; the sources themselves made the map 5.7 MB to parse at each start.
    sourcesContent: false,
    ...(target.packages === 'external' ? { packages: 'external' } : { external, plugins: [bundleRequired, leaveMissingExternal] }),
    banner: { js: banner },
    logLevel: 'warning',
    legalComments: 'none',
    minify: true,
    keepNames: true,
  });
  for (const file of target.copy ?? []) await copyFile(new URL(`../${file}`, import.meta.url), new URL(`../${target.outdir}/${file.split('/').pop()}`, import.meta.url));
}
