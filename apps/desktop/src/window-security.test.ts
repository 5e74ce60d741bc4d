import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from './ipc-channels.js';
import { preventable, FakeSession, FakeWebContents } from './test-support/fake-electron.js';
import { guardSession, guardWebContents, isExternalLink } from './window-guards.js';
import { contentSecurityPolicy, windowOptions } from './window-options.js';

const origin = 'http://127.0.0.1:43210';

describe('the window the app builds (Electron security checklist)', () => {
  const { webPreferences } = windowOptions({ preload: '/app/dist/preload.cjs' });

  it('isolates the page: contextIsolation and sandbox on, no Node anywhere in it', () => {
    expect(webPreferences.contextIsolation).toBe(true);
    expect(webPreferences.sandbox).toBe(true);
    expect(webPreferences.nodeIntegration).toBe(false);
    expect(webPreferences.nodeIntegrationInWorker).toBe(false);
    expect(webPreferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(webPreferences.webSecurity).toBe(true);
    expect(webPreferences.allowRunningInsecureContent).toBe(false);
    expect(webPreferences.webviewTag).toBe(false);
    expect(webPreferences.experimentalFeatures).toBe(false);
    expect(webPreferences.navigateOnDragDrop).toBe(false);
    expect(webPreferences.preload).toBe('/app/dist/preload.cjs');
  });

  it('sets a strict CSP: nothing by default, scripts only from the app, no eval, no objects, no frames, connections only back to the app', () => {
    const csp = contentSecurityPolicy(origin);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:43210']);
  });

  it('puts that CSP on every response from the app, replacing the server\'s, and leaves other responses alone', () => {
    const session = new FakeSession();
    guardSession(session, origin);
    let headers: Record<string, string[]> | undefined;
    session.headersListener!({ url: `${origin}/workflows`, responseHeaders: { 'content-security-policy': ['default-src *'], 'x-frame-options': ['DENY'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'x-frame-options': ['DENY'], 'Content-Security-Policy': [contentSecurityPolicy(origin)] });
    session.headersListener!({ url: 'https://example.com/', responseHeaders: { a: ['b'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ a: ['b'] });
  });

  it('denies every permission request and answers every permission check with no', () => {
    const session = new FakeSession();
    guardSession(session, origin);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.requestHandler!({}, permission, (answer) => (granted = answer), { requestingUrl: `${origin}/` });
      expect(granted, permission).toBe(false);
      expect(session.checkHandler!({}, permission, origin)).toBe(false);
    }
  });

  it('refuses navigation and redirects away from the app, and lets the app navigate within itself', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents, origin, async () => undefined, () => undefined);
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('http://127.0.0.1:9/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(contents.navigate('https://evil.example/', 'will-frame-navigate')).toBe(true);
    expect(contents.navigate(`${origin}/runs/1`)).toBe(false);
    const webview = preventable();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('never opens a window; sends only https links the user clicked to the browser', async () => {
    const opened: string[] = [];
    const contents = new FakeWebContents();
    guardWebContents(contents, origin, async (url) => void opened.push(url), () => undefined);
    const open = contents.openHandler!;
    expect(open({ url: 'https://docs.example/guide', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://docs.example/guide', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://popup.example/', disposition: 'other' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///bin/sh', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    expect(open({ url: `${origin}/x`, disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/guide']);
  });

  it('counts as an external link only https with a host and no credentials', () => {
    expect(isExternalLink('https://example.com/a')).toBe(true);
    for (const url of ['http://example.com', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com', 'not a url']) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('the preload', () => {
  const source = readFileSync(new URL('../dist/preload.cjs', import.meta.url), 'utf8');

  function runPreload() {
    const exposed = new Map<string, unknown>();
    const invoked: string[] = [];
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: { invoke: async (channel: string) => void invoked.push(channel) },
    };
    const module = { exports: {} };
    runInNewContext(source, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
    });
    return { exposed, invoked, required };
  }

  it('needs nothing but electron (a sandboxed preload gets nothing else)', () => {
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes one frozen object with the typed calls only, not ipcRenderer', async () => {
    const { exposed, invoked } = runPreload();
    expect([...exposed.keys()]).toEqual(['dwcDesktop']);
    const api = exposed.get('dwcDesktop') as Record<string, () => Promise<unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'pickWatchFolder']);
    await api.pickWatchFolder!();
    await api.appInfo!();
    expect(invoked).toEqual([IPC_CHANNELS.pickWatchFolder, IPC_CHANNELS.appInfo]);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
