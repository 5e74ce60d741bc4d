/** The server app's composition root, for end-to-end tests and embedding (the desktop app). */
export { composeApiDeps } from './compose-api-deps.js';
export { loadServerConfig } from './load-server-config.js';
export { bundledPluginsDir, productVersion } from './paths.js';
export { serverErrors } from './errors.js';
export { mapBundleStackTraces } from './bundle-stack-traces.js';
