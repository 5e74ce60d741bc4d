import type { Logger } from 'pino';
import { configureAutoUpdate, type Updater } from './auto-update.js';
import { deepLinkInArgv, deepLinkPath, type DeepLink } from './deep-link.js';
import type { ElectronApi, TrayApi, WindowApi } from './electron-api.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { resolveDesktopMasterKey, type Keychain } from './master-key-store.js';
import { claimSingleInstance } from './single-instance.js';
import { trayMenu, trayToolTip } from './tray-menu.js';
import { guardSession, guardWebContents } from './window-guards.js';
import { windowOptions } from './window-options.js';

export interface DesktopAppOptions {
  preloadPath: string;
  windowIcon?: string;
  trayIcon: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** keytar when it loads; undefined sends the master key to safeStorage. */
  keychain: () => Promise<Keychain | undefined>;
  /** electron-updater's autoUpdater, loaded only when auto-update is on. */
  updater: () => Promise<Updater>;
}

export interface RunningDesktopApp {
  readonly server: EmbeddedServer;
  readonly window: WindowApi;
  readonly tray: TrayApi;
  /** Shows, restores and focuses the window, and opens `link` in it. */
  activate(link?: DeepLink): void;
  /** Resolves when the quit that `app.quit()` started has shut everything down. */
  readonly stopped: Promise<void>;
}

/**
 * The desktop app: one instance; the master key from the keychain; the embedded server; one
 * guarded window on the UI, signed in as the local operator; a tray showing the running
 * executions; closing the window hides it to the tray, quitting shuts the server down cleanly.
 * Undefined when another instance runs (this one quits).
 */
export async function runDesktopApp(electron: ElectronApi, options: DesktopAppOptions): Promise<RunningDesktopApp | undefined> {
  const { app } = electron;
  const log = options.logger.child({ component: 'desktop' });
  let pending: DeepLink | undefined = deepLinkInArgv(options.argv);
  let activate: (link: DeepLink | undefined) => void = (link) => (pending = link ?? pending);
  if (!claimSingleInstance(app, (link) => activate(link))) {
    log.info('another instance is running; handing over to it');
    app.quit();
    return undefined;
  }
  await app.whenReady();

  const masterKey = await resolveDesktopMasterKey({ userDataDir: app.getPath('userData'), keychain: await options.keychain(), safeStorage: electron.safeStorage, warn: (m) => log.warn(m) });
  log.info({ protection: masterKey.protection, created: masterKey.created }, 'secrets master key ready');
  const server = await startEmbeddedServer({ userDataDir: app.getPath('userData'), masterKey: masterKey.key, env: options.env, logger: options.logger });
  const origin = server.url;

  guardSession(electron.session, origin);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, origin, electron.openExternal, (m) => log.warn(m)));

  const window = electron.createWindow(windowOptions({ preload: options.preloadPath, icon: options.windowIcon }));
  window.once('ready-to-show', () => window.show());
  let quitting = false;
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  const unregisterIpc = registerIpcHandlers(electron, {
    window: () => window,
    origin,
    info: { version: app.getVersion(), platform: process.platform, keyProtection: masterKey.protection },
    allowWatchFolder: (folder) => server.allowWatchFolder(folder),
    log: (m) => log.warn(m),
  });

  const show = (): void => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  activate = (link) => {
    show();
    if (link !== undefined) void window.loadURL(`${origin}${deepLinkPath(link)}`).catch((error: unknown) => log.warn(`could not open ${deepLinkPath(link)}: ${(error as Error).message}`));
  };
  app.on('activate', show);
  // The window is hidden, never closed, while the app runs: nothing to do when "all" are closed.
  app.on('window-all-closed', () => undefined);

  const tray = electron.createTray(options.trayIcon);
  const drawTray = (count: number): void => {
    tray.setToolTip(trayToolTip(count));
    tray.setContextMenu(trayMenu(count, { open: show, quit: () => app.quit() }));
  };
  drawTray(server.running.count);
  server.running.onChange(drawTray);
  tray.on('click', show);

  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let shutdown: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutdown !== undefined) return;
    event.preventDefault();
    log.info({ running: server.running.count }, 'quitting: stopping the embedded server');
    shutdown = (async () => {
      unregisterIpc();
      tray.destroy();
      await server.close();
    })()
      .catch((error: unknown) => log.error({ err: error }, 'shutdown failed'))
      .finally(() => {
        resolveStopped();
        app.quit();
      });
  });

  configureAutoUpdate(server.runtime.config.desktopAutoUpdate ? await options.updater() : inertUpdater, { enabled: server.runtime.config.desktopAutoUpdate, log: (m) => log.warn(m) });

  const initial = pending === undefined ? '/' : deepLinkPath(pending);
  await window.loadURL(server.launchUrl(initial));
  return { server, window, tray, activate: (link) => activate(link), stopped };
}

/** Stands for electron-updater while auto-update is off, so it is never loaded. */
const inertUpdater: Updater = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  checkForUpdatesAndNotify: async () => undefined,
  on: () => undefined,
};
