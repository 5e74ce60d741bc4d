// The desktop app's embedded server, started exactly as the Electron main process starts it, with
// the real UI in Debian's Chromium: the window's first load (the one-time launch URL) signs the
// local operator in; without the per-launch secret nothing answers; a page of another origin or a
// DNS-rebound name is refused; the UI works end to end (a run watched live over the WebSocket).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, guardSession, startEmbeddedServer, type EmbeddedServer, type HeadersReceivedListener } from '@dwc/desktop';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));
const WORKFLOW = {
  name: 'Desktop count',
  steps: [{ id: 'count', type: 'transform', input: { expression: '{ "words": $count($split(text, " ")) }', data: '{{ input }}' } }],
};

function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

describe.runIf(uiBuilt)('the desktop window on the embedded server, in Chromium', { timeout: 120_000 }, () => {
  let userData: string;
  let server: EmbeddedServer;
  let browser: Browser;
  let app: BrowserContext;
  let page: Page;
  let otherSite: Server;
  let otherOrigin: string;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-e2e-'));
    server = await startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { LOG_LEVEL: 'warn' } });
    // Another local web page (as any site could be) on another port of the same machine.
    otherSite = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>'));
    await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
    otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
    browser = await launchChromium([`--host-resolver-rules=MAP rebind.example 127.0.0.1`]);
    app = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    // The window's session policy, as the app installs it, applied to this browser's responses:
    // the desktop's strict CSP replaces the server's on everything the app serves.
    let onHeaders: HeadersReceivedListener | undefined;
    guardSession({ setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, onHeadersReceived: (listener) => (onHeaders = listener) }, server.url);
    await app.route(`${server.url}/**`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const responseHeaders = Object.fromEntries(response.headersArray().map(({ name, value }) => [name, [value]]));
      const rewritten = await new Promise<Record<string, string[]>>((resolve) => onHeaders!({ url: route.request().url(), responseHeaders }, (r) => resolve(r.responseHeaders ?? {})));
      await route.fulfill({ response, headers: Object.fromEntries(Object.entries(rewritten).map(([name, values]) => [name, values.join(', ')])) });
    });
    page = await app.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => otherSite?.close(resolve));
    await server?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('answers a browser without the per-launch secret with 401, the UI included', async () => {
    const stranger = await browser.newContext();
    try {
      const reply = await (await stranger.newPage()).goto(`${server.url}/workflows`);
      expect(reply!.status()).toBe(401);
      expect(await reply!.json()).toMatchObject({ error: { code: 'desktop_secret_required' } });
    } finally {
      await stranger.close();
    }
  });

  it('opens the UI signed in as the local operator through the one-time launch URL, with no sign-in or setup screen', async () => {
    await page.goto(server.launchUrl('/workflows'));
    await page.waitForURL(`${server.url}/workflows`);
    await expect.poll(() => page.getByRole('heading', { name: 'Workflows' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No workflows yet').isVisible()).toBe(true);
    expect(page.url()).not.toMatch(/sign-in|setup/);
    // The page runs under the window's strict CSP (set as the app's session does), not the server's.
    expect(await page.evaluate(`fetch('/workflows').then((r) => r.headers.get('content-security-policy'))`)).toBe(contentSecurityPolicy(server.url));
    const cookies = await app.cookies(server.url);
    expect(cookies.find((c) => c.name === 'dwc_desktop')).toMatchObject({ httpOnly: true, sameSite: 'Strict', expires: -1 });
    await screenshot(page, 'desktop-workflows');
  });

  it('keeps the secret out of the page: the cookie is HttpOnly', async () => {
    expect(await page.evaluate('document.cookie')).not.toContain(server.secret);
  });

  it('runs a workflow from the UI and shows it finish live (the WebSocket passes the gate with the cookie)', async () => {
    const launch = await call(server.launchUrl());
    const cookie = ((launch.headers['set-cookie'] as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
    const session = JSON.parse((await call(`${server.url}/api/v3/auth/refresh`, { method: 'POST', headers: { cookie }, body: {} })).body) as { access_token: string };
    const created = await call(`${server.url}/api/v3/workflows`, { method: 'POST', headers: { cookie, authorization: `Bearer ${session.access_token}` }, body: WORKFLOW });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body) as { id: string };

    await page.goto(`${server.url}/workflows/${id}`);
    await expect.poll(() => page.getByText('Version 1').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\//);
    await expect.poll(() => page.locator('.step-node[data-status="succeeded"]').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'desktop-run');
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('refuses a page of another origin calling the app, even from the browser that holds the secret cookie', async () => {
    const other = await app.newPage();
    try {
      await other.goto(otherOrigin);
      const result = await other.evaluate(`fetch(${JSON.stringify(`${server.url}/api/v3/workflows`)}, { credentials: 'include' }).then((r) => r.status, (e) => 'blocked: ' + e.message)`);
      // The reply is refused by the server (403) and, lacking CORS headers, unreadable anyway: either way no data.
      expect(String(result)).toMatch(/^blocked|^403$/);
      const status = await call(`${server.url}/api/v3/workflows`, { headers: { origin: otherOrigin, 'x-dwc-desktop-secret': server.secret } });
      expect(status.status).toBe(403);
      const socket = await other.evaluate(`new Promise((resolve) => { const ws = new WebSocket(${JSON.stringify(`${server.url.replace('http', 'ws')}/api/v3/ws/ws`)}); ws.onopen = () => resolve('open'); ws.onerror = () => resolve('refused'); })`);
      expect(socket).toBe('refused');
    } finally {
      await other.close();
    }
  });

  it('refuses a DNS-rebound name pointing at 127.0.0.1 (CVE-2024-28224 class)', async () => {
    const rebound = await app.newPage();
    try {
      const reply = await rebound.goto(`http://rebind.example:${server.port}/api/v3/workflows`);
      expect(reply!.status()).toBe(421);
      expect(await reply!.json()).toMatchObject({ error: { code: 'host_header_refused' } });
    } finally {
      await rebound.close();
    }
  });
});
