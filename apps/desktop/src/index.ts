/** The desktop app's logic, for its main process and its tests. */
export { startEmbeddedServer } from './embedded-server.js';
export type { EmbeddedServer, EmbeddedServerOptions } from './embedded-server.js';
export { createDesktopGate, LAUNCH_PATH, SECRET_COOKIE, SECRET_HEADER } from './desktop-gate.js';
export { resolveDesktopMasterKey, loadKeytar, ENCRYPTED_KEY_FILE, KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE } from './master-key-store.js';
export type { DesktopMasterKey, Keychain, KeyProtection } from './master-key-store.js';
export { OPERATOR_EMAIL } from './local-operator.js';
export { trackRunningExecutions } from './running-executions.js';
export { desktopErrors } from './errors.js';
export type * from './electron-api.js';
export { guardSession, guardWebContents, isAppUrl, isExternalLink } from './window-guards.js';
export { contentSecurityPolicy, windowOptions } from './window-options.js';
export { deepLinkPath, parseDeepLink } from './deep-link.js';
export type { DeepLink } from './deep-link.js';
export { openWatchFolders, WATCH_FOLDERS_FILE } from './watch-folders.js';
export type { WatchFolders } from './watch-folders.js';
