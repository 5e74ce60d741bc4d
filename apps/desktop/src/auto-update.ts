/** The part of electron-updater's `autoUpdater` the app sets. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Auto-update is off unless DWC_DESKTOP_AUTO_UPDATE is on: then updates are looked for at start
 * (the feed is the `publish` entry of electron-builder.yml), downloaded, and installed on quit.
 * Off, nothing is downloaded or installed and no request is made. Returns whether a check started.
 */
export function configureAutoUpdate(updater: Updater, options: { enabled: boolean; log: (message: string) => void }): boolean {
  updater.autoDownload = options.enabled;
  updater.autoInstallOnAppQuit = options.enabled;
  if (!options.enabled) return false;
  updater.on('error', (error) => options.log(`update check failed: ${error.message}`));
  updater.checkForUpdatesAndNotify().catch((error: unknown) => options.log(`update check failed: ${(error as Error).message}`));
  return true;
}
