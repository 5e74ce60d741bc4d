import type { ElectronApi, IpcMainEvent, WindowApi } from './electron-api.js';
import { IPC_CHANNELS, type DesktopAppInfo } from './ipc-channels.js';
import { isAppUrl } from './window-guards.js';

/** Whether an IPC message comes from the app's own window showing the app's own page. */
export function fromAppWindow(event: IpcMainEvent, window: WindowApi | undefined, origin: string): boolean {
  if (window === undefined || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  return event.senderFrame !== null && isAppUrl(event.senderFrame.url, origin);
}

/**
 * The main process side of the preload's calls. Each handler first checks the sender (the app's
 * window, on the app's origin, top frame or not) and refuses anything else; none takes arguments
 * from the page, so there is nothing of the page's to trust.
 */
export function registerIpcHandlers(electron: Pick<ElectronApi, 'ipcMain' | 'showOpenFolderDialog'>, options: {
  window: () => WindowApi | undefined;
  origin: string;
  info: DesktopAppInfo;
  /** Allows `file_watch` triggers to watch the folder the operator just chose (and keeps it allowed). */
  allowWatchFolder: (folder: string) => void;
  log: (message: string) => void;
}): () => void {
  const checked =
    <T>(channel: string, handler: () => Promise<T> | T) =>
    async (event: IpcMainEvent): Promise<T> => {
      if (!fromAppWindow(event, options.window(), options.origin)) {
        options.log(`refused IPC ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        throw new Error('ipc_sender_refused: only the app\'s own window may call the desktop API.');
      }
      return handler();
    };
  electron.ipcMain.handle(
    IPC_CHANNELS.pickWatchFolder,
    checked(IPC_CHANNELS.pickWatchFolder, async () => {
      const folder = await electron.showOpenFolderDialog(options.window(), 'Choose a folder to watch');
      if (folder === undefined) return null;
      // Choosing the folder in the app's own dialog is the operator's consent to watch it.
      options.allowWatchFolder(folder);
      return folder;
    }),
  );
  electron.ipcMain.handle(IPC_CHANNELS.appInfo, checked(IPC_CHANNELS.appInfo, () => ({ ...options.info })));
  return () => {
    for (const channel of Object.values(IPC_CHANNELS)) electron.ipcMain.removeHandler(channel);
  };
}
