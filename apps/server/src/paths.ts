import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's `plugins/` folder: the default place plugins are discovered. */
export const bundledPluginsDir = fileURLToPath(new URL('../../../plugins', import.meta.url));

/** The built web UI (`npm run build -w @dwc/ui`), served at `/`. */
export const uiDistDir = fileURLToPath(new URL('../../../ui/dist', import.meta.url));

/** The product version, from this package's package.json. */
export const productVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
