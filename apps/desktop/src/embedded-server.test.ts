import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_PATH, SECRET_HEADER } from './desktop-gate.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';
import { OPERATOR_EMAIL } from './local-operator.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookiesOf = (reply: Reply): string => ((reply.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');

describe('the embedded server, started as the desktop main process starts it', () => {
  let userData: string;
  let server: EmbeddedServer;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-'));
    server = await startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port with SQLite in the user-data folder', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.runtime.database.dialect).toBe('sqlite');
    expect(server.dataDir).toBe(join(userData, 'data'));
  });

  it('refuses every request without the per-launch secret, health included', async () => {
    for (const path of ['/health', '/api/v3/workflows', '/', '/docs']) {
      const reply = await get(`${server.url}${path}`);
      expect(reply.status, path).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'desktop_secret_required' } });
    }
    expect((await get(`${server.url}/health`, { [SECRET_HEADER]: 'x'.repeat(43) })).status).toBe(401);
  });

  it('answers with the secret, and refuses a foreign Host or Origin even with it', async () => {
    expect((await get(`${server.url}/health`, { [SECRET_HEADER]: server.secret })).status).toBe(200);
    const host = await get(`${server.url}/health`, { [SECRET_HEADER]: server.secret, host: `evil.example:${server.port}` });
    expect(host.status).toBe(421);
    expect((await get(`${server.url}/health`, { [SECRET_HEADER]: server.secret, host: `localhost:${server.port}` })).status).toBe(421);
    const origin = await get(`${server.url}/health`, { [SECRET_HEADER]: server.secret, origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body)).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('trades a launch ticket once for the secret cookie and a signed-in operator session, then redirects inside the app', async () => {
    const launch = await get(server.launchUrl('/runs/abc'));
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe('/runs/abc');
    const setCookies = launch.headers['set-cookie'] as string[];
    expect(setCookies.find((c) => c.startsWith('dwc_desktop='))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith('dwc_desktop='))).toMatch(/SameSite=Strict/);
    expect(setCookies.every((c) => !/Max-Age|Expires/i.test(c))).toBe(true);

    const cookie = cookiesOf(launch);
    expect((await get(`${server.url}/health`, { cookie })).status).toBe(200);
    const refreshed = await get(`${server.url}/api/v3/auth/refresh`, { cookie, 'content-type': 'application/json' }, 'POST', '{}');
    expect(refreshed.status).toBe(200);
    expect(JSON.parse(refreshed.body)).toMatchObject({ user: { email: OPERATOR_EMAIL, role: 'owner' } });

    const again = await get(`${server.url}${LAUNCH_PATH}${new URL(server.launchUrl()).search.replace(/ticket=[^&]+/, 'ticket=used')}`);
    expect(again.status).toBe(401);
    const ticketUrl = server.launchUrl();
    expect((await get(ticketUrl)).status).toBe(303);
    expect((await get(ticketUrl)).status).toBe(401);
  });

  it('signs in the one local operator only: another e-mail is refused once the operator owns the data', async () => {
    await get(server.launchUrl());
    const again = await server.runtime.security.onboarding.localOperatorSession(OPERATOR_EMAIL);
    expect(again.user).toMatchObject({ email: OPERATOR_EMAIL, role: 'owner' });
    await expect(server.runtime.security.onboarding.localOperatorSession('someone@example.com')).rejects.toMatchObject({ code: 'not_local_operator' });
    expect((await server.runtime.security.accounts.list()).map((u) => u.email)).toEqual([OPERATOR_EMAIL]);
  });

  it('redirects a launch only to a path of the app', async () => {
    for (const to of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const url = server.launchUrl('/').replace(/to=.*$/, `to=${encodeURIComponent(to)}`);
      expect((await get(url)).headers.location).toBe('/');
    }
  });

  it('counts running executions from the runtime events', () => {
    const counts: number[] = [];
    const off = server.running.onChange((count) => counts.push(count));
    server.runtime.events.emit('execution.started', { execution_id: 'e1' });
    server.runtime.events.emit('execution.started', { execution_id: 'e2' });
    server.runtime.events.emit('execution.succeeded', { execution_id: 'e1' });
    server.runtime.events.emit('execution.failed', { execution_id: 'e2' });
    off();
    expect(counts).toEqual([1, 2, 1, 0]);
  });
});

describe('the embedded server settings', () => {
  it('refuses a dwc.config.json in the data folder that would bring back Postgres, a service token, CORS or registration', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-config-'));
    try {
      mkdirSync(join(userData, 'data'), { recursive: true });
      writeFileSync(join(userData, 'data', 'dwc.config.json'), JSON.stringify({ databaseUrl: 'postgres://x@127.0.0.1/db', corsOrigins: ['*'] }));
      await expect(startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://y@127.0.0.1/db' } })).rejects.toThrow(
        /remove databaseUrl, corsOrigins from dwc.config.json/,
      );
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
