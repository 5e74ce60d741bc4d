// The desktop folder picker end to end: the app (against a stand-in of Electron) answers the
// window's "choose a folder" call, after which its embedded server accepts a file_watch trigger on
// that folder over HTTP, a file dropped there starts a run, and the folder stays allowed after a
// restart. Before the pick, the same trigger is refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDesktopApp, type RunningDesktopApp } from '../apps/desktop/src/desktop-app.js';
import { startEmbeddedServer, type EmbeddedServer } from '../apps/desktop/src/embedded-server.js';
import { IPC_CHANNELS } from '../apps/desktop/src/ipc-channels.js';
import { fakeElectron } from '../apps/desktop/src/test-support/fake-electron.js';

async function signedIn(server: Pick<EmbeddedServer, 'launchUrl' | 'url'>): Promise<Record<string, string>> {
  const launch = await fetch(server.launchUrl(), { redirect: 'manual' });
  const cookie = launch.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const refreshed = await fetch(`${server.url}/api/v3/auth/refresh`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
  const { access_token } = (await refreshed.json()) as { access_token: string };
  return { cookie, authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
}

const watchingWorkflow = (folder: string) => ({
  name: 'Invoices in',
  trigger: { type: 'file_watch', folder, patterns: ['*.txt'], debounce_ms: 100 },
  steps: [{ id: 'echo', type: 'transform', input: { expression: '$', data: '{{ input.file.name }}' } }],
});

async function runsOf(server: Pick<EmbeddedServer, 'url'>, headers: Record<string, string>, workflowId: string): Promise<{ input: { file?: { name: string } } }[]> {
  const reply = await fetch(`${server.url}/api/v3/workflows/${workflowId}/executions`, { headers });
  return ((await reply.json()) as { items: { input: { file?: { name: string } } }[] }).items;
}

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > end) return value;
    await sleep(100);
  }
}

describe('a folder the desktop operator picks', () => {
  let userData: string;
  let folder: string;
  let running: RunningDesktopApp;
  let electron: ReturnType<typeof fakeElectron>;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-watch-'));
    folder = join(userData, 'operator-home', 'Invoices');
    mkdirSync(folder, { recursive: true });
    electron = fakeElectron(userData, { folder });
    running = (await runDesktopApp(electron.api, {
      preloadPath: '/app/dist/preload.cjs',
      trayIcon: '/app/build/tray.png',
      argv: [],
      env: { LOG_LEVEL: 'silent' },
      logger: pino({ level: 'silent' }),
      keychain: async () => undefined,
      updater: async () => {
        throw new Error('auto-update is off');
      },
    }))!;
  });
  afterAll(async () => {
    if (running !== undefined) {
      electron.app.quit();
      await running.stopped;
    }
    rmSync(userData, { recursive: true, force: true });
  });

  it('is refused for a file_watch trigger until picked, then watched: a file dropped there starts a run', async () => {
    const headers = await signedIn(running.server);
    const before = await fetch(`${running.server.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(watchingWorkflow(folder)) });
    expect(before.status).toBe(400);
    expect(((await before.json()) as { error: { details: Record<string, string[]> } }).error.details['trigger.folder']?.[0]).toMatch(/no folder may be watched/);

    const own = { sender: { id: electron.windows[0]!.webContents.id }, senderFrame: { url: `${running.server.url}/workflows` } };
    expect(await electron.ipcMain.invoke(IPC_CHANNELS.pickWatchFolder, own)).toBe(folder);

    const created = await fetch(`${running.server.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(watchingWorkflow(folder)) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${running.server.url}/api/v3/workflows/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ active: true }) })).status).toBe(200);
    await running.server.runtime.triggers.settled();
    writeFileSync(join(folder, 'march.txt'), 'invoice 42');
    const runs = await eventually(() => runsOf(running.server, headers, id), (r) => r.length >= 1);
    expect(runs.map((r) => r.input.file?.name)).toEqual(['march.txt']);
  });

  it('stays allowed after a restart of the embedded server on the same user-data folder', async () => {
    const masterKey = running.server.runtime.config.masterKey;
    electron.app.quit();
    await running.stopped;
    running = undefined as unknown as RunningDesktopApp;
    const again = await startEmbeddedServer({ userDataDir: userData, masterKey: masterKey!, env: { LOG_LEVEL: 'silent' } });
    try {
      expect(again.watchFolders()).toEqual([folder]);
      const headers = await signedIn(again);
      const inside = join(folder, 'april');
      mkdirSync(inside);
      const created = await fetch(`${again.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(watchingWorkflow(inside)) });
      expect(created.status).toBe(201);
      const outside = await fetch(`${again.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(watchingWorkflow(join(userData, 'operator-home'))) });
      expect(outside.status).toBe(400);
    } finally {
      await again.close();
    }
  });
});
