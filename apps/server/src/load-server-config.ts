import { loadConfig, type DwcConfig } from '@dwc/runtime';
import { bundledPluginsDir } from './paths.js';

/** The runtime config with the server app's defaults (the bundled plugins folder). */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): DwcConfig {
  return loadConfig({ env, defaults: { pluginsDir: bundledPluginsDir } });
}
