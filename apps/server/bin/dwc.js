#!/usr/bin/env node
// The shipped entry: the server bundled by scripts/bundle.mjs (a few files to load instead of ~1,400).
import { fileURLToPath } from 'node:url';
import { enableFastStart } from '../dist/fast-start.js';

// the server's bundle, and the in-tree plugins (each bundled into its bundle/ folder)
enableFastStart(fileURLToPath(new URL('../bundle/', import.meta.url)), fileURLToPath(new URL('../../../plugins/', import.meta.url)));
await import('../bundle/cli.js');
