import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_HEADER } from './desktop-gate.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';
import { jwtSecretOf, vapidKeysOf } from './local-operator.js';
import { resolveDesktopMasterKey } from './master-key-store.js';
import { fakeSafeStorage } from './test-support/fake-electron.js';

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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every form a secret could be written in: as given, hex and base64 of its bytes when it is base64. */
function spellings(secret: string): string[] {
  const forms = new Set([secret]);
  for (const encoding of ['base64', 'base64url'] as const) {
    const bytes = Buffer.from(secret, encoding);
    if (bytes.length >= 16 && bytes.toString(encoding).replace(/=+$/, '') === secret.replace(/=+$/, '')) {
      forms.add(bytes.toString('hex'));
      forms.add(bytes.toString('base64'));
      forms.add(bytes.toString('base64url'));
    }
  }
  return [...forms];
}

describe("the desktop app's user-data folder", () => {
  let userData: string;
  let server: EmbeddedServer;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-secrets-'));
    const { key } = await resolveDesktopMasterKey({ userDataDir: userData, keychain: undefined, safeStorage: fakeSafeStorage(), warn: () => undefined });
    server = await startEmbeddedServer({ userDataDir: userData, masterKey: key, env: { LOG_LEVEL: 'silent' } });
    secrets.set('master key', key);
    secrets.set('JWT signing key', jwtSecretOf(key));
    secrets.set('VAPID private key', vapidKeysOf(key).privateKey);
    secrets.set('per-launch secret', server.secret);

    // Use it as the window does: sign in, store a secret in the vault, create and run a workflow.
    const launch = await call(server.launchUrl());
    const cookie = ((launch.headers['set-cookie'] as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
    const session = JSON.parse((await call(`${server.url}/api/v3/auth/refresh`, { method: 'POST', headers: { cookie }, body: {} })).body) as { access_token: string };
    secrets.set('access token', session.access_token);
    secrets.set('refresh token', ((launch.headers['set-cookie'] as string[]).find((c) => c.startsWith('dwc_refresh=')) ?? '').split(';')[0]!.slice('dwc_refresh='.length));
    const auth = { [SECRET_HEADER]: server.secret, authorization: `Bearer ${session.access_token}` };
    const vaultValue = `sk-${randomBytes(24).toString('hex')}`;
    secrets.set('a secret stored in the vault', vaultValue);
    expect((await call(`${server.url}/api/v3/security/secrets/OPENAI_API_KEY`, { method: 'PUT', headers: auth, body: { value: vaultValue } })).status).toBe(201);
    const apiKey = await call(`${server.url}/api/v3/security/api-keys`, { method: 'POST', headers: auth, body: { name: 'script', scopes: ['workflows:read'] } });
    expect(apiKey.status).toBe(201);
    secrets.set('an API key', (JSON.parse(apiKey.body) as { key: string }).key);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  function leaks(): string[] {
    const found: string[] = [];
    for (const file of filesUnder(userData)) {
      const text = readFileSync(file).toString('latin1');
      for (const [what, secret] of secrets) {
        if (spellings(secret).some((form) => text.includes(form))) found.push(`${what} in ${relative(userData, file)}`);
      }
    }
    return found;
  }

  it('holds no key file of the headless server (master.key, jwt-secret, vapid-keys.json)', () => {
    const names = filesUnder(userData).map((file) => relative(userData, file));
    expect(names.filter((name) => /master\.key|jwt-secret|vapid-keys\.json/.test(name))).toEqual([]);
    expect(names).toContain('master-key.enc');
    expect(names.some((name) => name.startsWith('data/'))).toBe(true);
  });

  it('holds none of the secrets in clear while the app runs', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(leaks()).toEqual([]);
  });

  it('holds none of them in clear after a clean quit (database and journal flushed)', async () => {
    await server.close();
    expect(leaks()).toEqual([]);
  });
});
