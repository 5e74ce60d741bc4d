import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from './ipc-channels.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { fakeElectron } from './test-support/fake-electron.js';
import { windowOptions } from './window-options.js';

const ORIGIN = 'http://127.0.0.1:43111';

function setUp() {
  const electron = fakeElectron('/nonexistent', { folder: '/home/op/Invoices' });
  const window = electron.api.createWindow(windowOptions({ preload: '/app/preload.cjs' }));
  const allowed: string[] = [];
  const refused: string[] = [];
  const unregister = registerIpcHandlers(electron.api, {
    window: () => window,
    origin: ORIGIN,
    info: { version: '1.2.3', platform: 'linux', keyProtection: 'keychain' },
    allowWatchFolder: (folder) => void allowed.push(folder),
    log: (m) => void refused.push(m),
  });
  const own = { sender: { id: window.webContents.id }, senderFrame: { url: `${ORIGIN}/workflows/wf_1/edit` } };
  return { electron, window, allowed, refused, unregister, own };
}

describe('the folder picker over IPC', () => {
  it('opens the folder dialog on the app window and allows the chosen folder before returning it', async () => {
    const { electron, window, allowed, own } = setUp();
    expect(await electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, own)).toBe('/home/op/Invoices');
    expect(electron.recorder.named('dialog', 'showOpenFolderDialog').map((c) => c.args)).toEqual([[window, 'Choose a folder to watch']]);
    expect(allowed).toEqual(['/home/op/Invoices']);
  });

  it('returns null and allows nothing when the operator cancels', async () => {
    const { electron, allowed, own } = setUp();
    electron.dialog.folder = undefined;
    expect(await electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, own)).toBeNull();
    expect(allowed).toEqual([]);
  });

  it('refuses another window, another origin or a closed frame without opening the dialog or allowing anything', async () => {
    const { electron, allowed, refused, own } = setUp();
    for (const event of [{ ...own, sender: { id: 9_999 } }, { ...own, senderFrame: { url: 'https://evil.example/' } }, { ...own, senderFrame: { url: 'http://127.0.0.1:9/' } }, { ...own, senderFrame: null }]) {
      await expect(electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, event)).rejects.toThrow(/ipc_sender_refused/);
    }
    expect(electron.recorder.named('dialog', 'showOpenFolderDialog')).toEqual([]);
    expect(allowed).toEqual([]);
    expect(refused).toHaveLength(4);
  });

  it('refuses once the window is destroyed, and removes every handler when unregistered', async () => {
    const { electron, window, own, unregister } = setUp();
    window.destroy();
    await expect(electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, own)).rejects.toThrow(/ipc_sender_refused/);
    unregister();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
