/**
 * The desktop API the preload exposes to the page as `window.dwcDesktop`, and the IPC channel of
 * each call. Shared by the preload and the main process, so both sides agree on names and types.
 */
export const IPC_CHANNELS = {
  pickWatchFolder: 'dwc-desktop:pick-watch-folder',
  appInfo: 'dwc-desktop:app-info',
} as const;

export interface DesktopAppInfo {
  version: string;
  platform: string;
  /** Where the secrets master key is kept. */
  keyProtection: 'keychain' | 'safe-storage' | 'safe-storage-basic-text';
}

export interface DesktopBridge {
  /**
   * Asks the operator for a folder to watch; the chosen folder's absolute path, or null when they
   * cancel. The chosen folder is allowed for `file_watch` triggers from then on (and after a
   * restart); the UI then sets up a `file_watch` trigger on it through the API.
   */
  pickWatchFolder(): Promise<string | null>;
  appInfo(): Promise<DesktopAppInfo>;
}
