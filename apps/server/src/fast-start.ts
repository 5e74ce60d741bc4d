import module from 'node:module';
import { mapBundleStackTraces } from './bundle-stack-traces.js';

/**
 * Run by bin/dwc.js before it imports the bundled server (files under `bundleDirs`): stack traces mapped back
 * to the TypeScript sources (lazily, see bundle-stack-traces.ts), and the V8 compile cache (Node
 * 22.1+; absent on Node 20), which keeps compiled code on disk so later starts skip compiling most
 * of the bundle.
 */
export function enableFastStart(...bundleDirs: string[]): void {
  mapBundleStackTraces(...bundleDirs);
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
