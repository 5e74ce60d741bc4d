import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Updater } from './auto-update.js';
import { runDesktopApp, type RunningDesktopApp } from './desktop-app.js';
import { IPC_CHANNELS } from './ipc-channels.js';
import { fakeElectron, preventable } from './test-support/fake-electron.js';
import { WATCH_FOLDERS_FILE } from './watch-folders.js';

const silent = pino({ level: 'silent' });

function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const noUpdater = async (): Promise<Updater> => {
  throw new Error('electron-updater must not be loaded while auto-update is off');
};

describe('the desktop app, run against a stand-in of Electron', () => {
  let userData: string;
  let electron: ReturnType<typeof fakeElectron>;
  let running: RunningDesktopApp;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-app-'));
    electron = fakeElectron(userData, { folder: '/home/op/Invoices' });
    running = (await runDesktopApp(electron.api, {
      preloadPath: '/app/dist/preload.cjs',
      trayIcon: '/app/build/tray.png',
      argv: ['/opt/dwc/dwc', 'dwc://execution/exec_42'],
      env: { LOG_LEVEL: 'silent' },
      logger: silent,
      keychain: async () => undefined,
      updater: noUpdater,
    }))!;
  });
  afterAll(async () => {
    if (running !== undefined && electron.app.quitCalls === 0) {
      electron.app.quit();
      await running.stopped;
    }
    rmSync(userData, { recursive: true, force: true });
  });

  it('claims the single-instance lock and registers dwc:// before anything else', () => {
    expect(electron.recorder.calls.slice(0, 2).map((c) => c.method)).toEqual(['requestSingleInstanceLock', 'setAsDefaultProtocolClient']);
    expect(electron.recorder.named('app', 'setAsDefaultProtocolClient')[0]!.args).toEqual(['dwc']);
  });

  it('opens one window with the checked options, through a one-time launch URL to the deep link it was started with', () => {
    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/dist/preload.cjs' });
    const loads = electron.recorder.named('window', 'loadURL');
    expect(loads).toHaveLength(1);
    const url = new URL(loads[0]!.args[0] as string);
    expect(url.origin).toBe(running.server.url);
    expect(url.pathname).toBe('/desktop/launch');
    expect(url.searchParams.get('to')).toBe('/runs/exec_42');
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
  });

  it('guards the window it created: navigation away refused, permissions denied', () => {
    expect(electron.windows[0]!.webContents.navigate('https://evil.example/')).toBe(true);
    let granted: boolean | undefined;
    electron.session.requestHandler!({}, 'media', (g) => (granted = g), {});
    expect(granted).toBe(false);
  });

  it('shows the running executions in the tray as the runtime reports them', () => {
    const [tray] = electron.trays;
    expect(tray!.toolTip).toBe('Document Workflow Chain: nothing running');
    running.server.runtime.events.emit('execution.started', { execution_id: 'a' });
    running.server.runtime.events.emit('execution.started', { execution_id: 'b' });
    expect(tray!.toolTip).toBe('Document Workflow Chain: 2 executions running');
    expect(tray!.menu[0]!.label).toBe('2 executions running');
    running.server.runtime.events.emit('execution.cancelled', { execution_id: 'a' });
    expect(tray!.toolTip).toBe('Document Workflow Chain: 1 execution running');
    running.server.runtime.events.emit('execution.succeeded', { execution_id: 'b' });
  });

  it('hides the window to the tray when it is closed, the server still answering; the tray brings it back', async () => {
    const [window] = electron.windows;
    expect(window!.userCloses()).toBe(true);
    expect(window!.visible).toBe(false);
    expect(await status(`${running.server.url}/health`, { 'x-dwc-desktop-secret': running.server.secret })).toBe(200);
    electron.trays[0]!.clicks[0]!();
    expect(window!.visible).toBe(true);
  });

  it('focuses the window on a second launch and opens the link it carried', async () => {
    const [window] = electron.windows;
    window!.hide();
    window!.minimized = true;
    electron.app.emit('second-instance', {}, ['/opt/dwc/dwc', 'dwc://workflow/wf_7']);
    expect(window!.visible).toBe(true);
    expect(window!.minimized).toBe(false);
    expect(electron.recorder.named('window', 'focus').length).toBeGreaterThan(0);
    expect(electron.recorder.named('window', 'loadURL').at(-1)!.args[0]).toBe(`${running.server.url}/workflows/wf_7`);
    const openUrl = preventable();
    electron.app.emit('open-url', openUrl, 'dwc://execution/e_mac');
    expect(openUrl.prevented).toBe(true);
    expect(electron.recorder.named('window', 'loadURL').at(-1)!.args[0]).toBe(`${running.server.url}/runs/e_mac`);
  });

  it('answers the folder picker only for its own window on the app origin', async () => {
    const own = { sender: { id: electron.windows[0]!.webContents.id }, senderFrame: { url: `${running.server.url}/workflows` } };
    expect(await electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, own)).toBe('/home/op/Invoices');
    // The chosen folder is now allowed for file_watch triggers, and kept for the next launch.
    expect(running.server.watchFolders()).toEqual(['/home/op/Invoices']);
    expect(JSON.parse(readFileSync(join(userData, WATCH_FOLDERS_FILE), 'utf8'))).toEqual({ folders: ['/home/op/Invoices'] });
    await expect(electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, { ...own, senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(/ipc_sender_refused/);
    await expect(electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, { ...own, sender: { id: 9_999 } })).rejects.toThrow(/ipc_sender_refused/);
    await expect(electron.ipcMain.invoke(IPC_CHANNELS.appInfo, { ...own, senderFrame: null })).rejects.toThrow(/ipc_sender_refused/);
    expect(await electron.ipcMain.invoke(IPC_CHANNELS.appInfo, own)).toMatchObject({ version: '0.1.0', keyProtection: 'safe-storage' });
  });

  it('quits cleanly: the server stops, the tray goes, the window may then close', async () => {
    const url = running.server.url;
    electron.app.quit();
    await running.stopped;
    expect(electron.app.quitCalls).toBe(2);
    expect(electron.trays[0]!.destroyed).toBe(true);
    expect(electron.ipcMain.handlers.size).toBe(0);
    await expect(status(`${url}/health`)).rejects.toThrow();
    expect(electron.windows[0]!.userCloses()).toBe(false);
  });
});

describe('a second instance of the desktop app', () => {
  it('quits at once, starting nothing, when another instance holds the lock', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-second-'));
    try {
      const electron = fakeElectron(userData);
      electron.app.lockHeld = false;
      const result = await runDesktopApp(electron.api, { preloadPath: '/p', trayIcon: '/t', argv: [], env: {}, logger: silent, keychain: async () => undefined, updater: noUpdater });
      expect(result).toBeUndefined();
      expect(electron.app.quitCalls).toBe(1);
      expect(electron.windows).toHaveLength(0);
      expect(electron.trays).toHaveLength(0);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
