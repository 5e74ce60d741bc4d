/**
 * The plugin contract's major version. A plugin states the version it was built for in
 * `definePlugin({ apiVersion })`; the host refuses a plugin whose `apiVersion` differs.
 */
export const SDK_API_VERSION = 1;
