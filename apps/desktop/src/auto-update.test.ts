import { describe, expect, it } from 'vitest';
import { configureAutoUpdate, type Updater } from './auto-update.js';

function recordingUpdater(fail = false): Updater & { checks: number; listeners: string[] } {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checks: 0,
    listeners: [],
    async checkForUpdatesAndNotify() {
      this.checks += 1;
      if (fail) throw new Error('offline');
      return null;
    },
    on(event) {
      this.listeners.push(event);
      return this;
    },
  };
}

describe('auto-update', () => {
  it('is off by default: nothing downloaded, installed or even asked for', () => {
    const updater = recordingUpdater();
    expect(configureAutoUpdate(updater, { enabled: false, log: () => undefined })).toBe(false);
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, checks: 0 });
  });

  it('when turned on, checks at start, downloads, installs on quit, and only logs a failed check (offline)', async () => {
    const updater = recordingUpdater(true);
    const logged: string[] = [];
    expect(configureAutoUpdate(updater, { enabled: true, log: (m) => logged.push(m) })).toBe(true);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, checks: 1 });
    expect(updater.listeners).toEqual(['error']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toEqual(['update check failed: offline']);
  });
});
