// The Electron main process: adapts Electron to the app's narrow API and runs the app. Everything
// it does is in plain modules tested without Electron (see desktop-app.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@dwc/runtime';
import { mapBundleStackTraces } from '@dwc/server';
import electron from 'electron';
import { runDesktopApp } from './desktop-app.js';
import type { ElectronApi, SessionApi, WindowApi } from './electron-api.js';
import { loadKeytar } from './master-key-store.js';

const { app, BrowserWindow, Menu, Tray, dialog, ipcMain, safeStorage, session, shell } = electron;
const here = dirname(fileURLToPath(import.meta.url));
const assets = join(here, '..', 'build');
// Electron runs this from apps/desktop/bundle/ (scripts/bundle.mjs): errors name the TypeScript lines.
mapBundleStackTraces(here, join(here, '..', '..', '..', 'plugins'));

function electronApi(): ElectronApi {
  const windows = new Map<WindowApi, electron.BrowserWindow>();
  return {
    app,
    createWindow(options) {
      const window = new BrowserWindow(options);
      windows.set(window, window);
      return window;
    },
    get session(): SessionApi {
      const defaultSession = session.defaultSession;
      return {
        setPermissionRequestHandler: (handler) => defaultSession.setPermissionRequestHandler(handler),
        setPermissionCheckHandler: (handler) => defaultSession.setPermissionCheckHandler(handler),
        onHeadersReceived: (listener) => defaultSession.webRequest.onHeadersReceived(listener),
      };
    },
    createTray(iconPath) {
      const tray = new Tray(iconPath);
      return {
        setToolTip: (text) => tray.setToolTip(text),
        setContextMenu: (items) => tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => ({ ...item })))),
        on: (event, listener) => void tray.on(event, listener),
        destroy: () => tray.destroy(),
      };
    },
    ipcMain,
    async showOpenFolderDialog(window, title) {
      const options: electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const owner = window === undefined ? undefined : windows.get(window);
      const result = owner === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(owner, options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    openExternal: (url) => shell.openExternal(url),
    safeStorage,
  };
}

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', format: 'json' });
runDesktopApp(electronApi(), {
  preloadPath: join(here, 'preload.cjs'),
  windowIcon: join(assets, 'icon.png'),
  trayIcon: join(assets, 'tray.png'),
  argv: process.argv,
  env: process.env,
  logger,
  keychain: loadKeytar,
  updater: async () => (await import('electron-updater')).autoUpdater,
}).catch((error: unknown) => {
  logger.fatal({ err: error }, `the desktop app could not start: ${(error as Error).message}`);
  dialog.showErrorBox('Document Workflow Chain could not start', (error as Error).message);
  app.exit(1);
});
