// The window's preload: runs sandboxed (CommonJS, only `electron`'s renderer modules), and gives
// the page the narrow typed desktop API and nothing else (no ipcRenderer, no Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { DesktopBridge } from './ipc-channels.js';

const { contextBridge, ipcRenderer } = electron;

// Channel names are repeated here: a sandboxed preload cannot require the app's other modules.
const bridge: DesktopBridge = {
  pickWatchFolder: () => ipcRenderer.invoke('dwc-desktop:pick-watch-folder') as Promise<string | null>,
  appInfo: () => ipcRenderer.invoke('dwc-desktop:app-info') as ReturnType<DesktopBridge['appInfo']>,
};

contextBridge.exposeInMainWorld('dwcDesktop', Object.freeze(bridge));
