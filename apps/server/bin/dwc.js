#!/usr/bin/env node
// The shipped entry: the server bundled by scripts/bundle.mjs (a few files to load instead of ~1,400).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { enableFastStart } from '../dist/fast-start.js';

const bundle = new URL('../bundle/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('dwc: the server bundle (apps/server/bundle/) is missing; build it with `npm run build` (tsc -b, then scripts/bundle.mjs).\n');
  process.exit(1);
}
// the server's bundle, and the in-tree plugins (each bundled into its bundle/ folder)
enableFastStart(fileURLToPath(new URL('../bundle/', import.meta.url)), fileURLToPath(new URL('../../../plugins/', import.meta.url)));
await import(bundle.href);
