import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, loginAsOwner, ownerEnv, startServer, stopServer, TEST_OWNER } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const run = promisify(execFile);

interface Readiness {
  status: string;
  checks: { name: string; status: string; detail?: string }[];
}
const getJson = async <T>(url: string, init?: RequestInit): Promise<T> => (await (await fetch(url, init)).json()) as T;
const fixturePlugins = fileURLToPath(new URL('../core/runtime/test-fixtures/plugins', import.meta.url));
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-server-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('dwc serve', () => {
  it('starts on SQLite in the data folder, prints a one-time setup token, serves health, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(freshDir(), 'data');
    const server = await startServer({ DWC_DATA_DIR: dataDir, DATABASE_URL: '', DWC_API_TOKEN: '', DWC_ADMIN_EMAIL: '', DWC_ADMIN_PASSWORD: '', LOG_LEVEL: 'info' });
    try {
      expect(existsSync(join(dataDir, 'dwc.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'api-token'))).toBe(false);
      const readiness = await getJson<Readiness>(`${server.url}/api/v3/health`);
      expect(readiness.status).toBe('ok');
      // The bundled AI providers follow, each `ok` or "not configured" on a machine without keys.
      expect(readiness.checks.slice(0, 3)).toMatchObject([{ name: 'database', status: 'ok' }, { name: 'plugins', status: 'ok' }, { name: 'cache', status: 'ok', detail: 'memory' }]);
      expect((await fetch(`${server.url}/api/v3/plugins`)).status).toBe(401);

      const setupToken = /"setup_token":"(dwcs_[A-Za-z0-9_-]+)"/.exec(server.output())?.[1];
      expect(setupToken).toBeDefined();
      const setup = (body: object) => fetch(`${server.url}/api/v3/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const owner = { email: 'first@example.com', password: 'correct horse battery staple' };
      const created = await setup({ ...owner, setup_token: setupToken });
      expect(created.status).toBe(201);
      const { access_token: token, user } = (await created.json()) as { access_token: string; user: { role: string } };
      expect(user.role).toBe('owner');
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect((await setup({ email: 'second@example.com', password: owner.password, setup_token: setupToken })).status).toBe(401);

      const plugins = await getJson<{ plugins: { name: string }[] }>(`${server.url}/api/v3/plugins`, { headers: { authorization: `Bearer ${token}` } });
      expect(plugins.plugins.map((p) => p.name)).toContain('@dwc/plugin-action-transform');
      expect(server.output()).toMatch(/dwc listening on http:\/\/127\.0\.0\.1:\d+ \(database: sqlite /);
    } finally {
      expect(await stopServer(server.child)).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('creates the first owner from DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD, and refuses to start with a weak one', async () => {
    const server = await startServer({ DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', ...ownerEnv, LOG_LEVEL: 'info' });
    try {
      expect(server.output()).not.toContain('setup_token');
      const token = await loginAsOwner(server.url);
      const me = await getJson<{ email: string; role: string }>(`${server.url}/api/v3/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me).toMatchObject({ email: TEST_OWNER.email, role: 'owner' });
    } finally {
      await stopServer(server.child);
    }
    await expect(startServer({ DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', DWC_ADMIN_EMAIL: 'a@example.com', DWC_ADMIN_PASSWORD: 'password' })).rejects.toThrow(/DWC_ADMIN_PASSWORD: The password is too weak/);
  });

  it('uses Postgres when DATABASE_URL is set', async () => {
    const database = await createTestDatabase();
    const server = await startServer({ DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: database.url, DWC_API_TOKEN: 'x'.repeat(32), LOG_LEVEL: 'info' });
    try {
      const readiness = await getJson<Readiness>(`${server.url}/api/v3/health`);
      expect(readiness.checks[0]).toMatchObject({ name: 'database', status: 'ok' });
      expect(server.output()).toContain('(database: postgres ');
    } finally {
      await stopServer(server.child);
      await database.drop();
    }
  });

  it('keeps serving when plugins fail to load, and reports them as degraded', async () => {
    const server = await startServer({ DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', DWC_PLUGINS_DIR: fixturePlugins, DWC_API_TOKEN: 'x'.repeat(32) });
    try {
      const response = await fetch(`${server.url}/api/v3/health`);
      const readiness = (await response.json()) as Readiness;
      expect(response.status).toBe(200);
      expect(readiness.status).toBe('degraded');
      const plugins = readiness.checks.find((c) => c.name === 'plugins');
      expect(plugins?.detail).toContain('Plugin fixture-throwing: setup threw: cannot reach the license server');
    } finally {
      await stopServer(server.child);
    }
  });
});

describe('dwc command line', () => {
  const dwc = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [cliPath, ...args], { env: { ...process.env, DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', ...env } }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('lists its commands in --help', async () => {
    const { stdout } = await dwc(['--help']);
    for (const command of ['serve', 'migrate', 'plugins', 'users', 'doctor']) expect(stdout).toContain(command);
  });

  it('stops with one clear line naming a bad setting', async () => {
    const result = await dwc(['serve'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^dwc: Invalid configuration: PORT="eighty": /)]);
  });

  it('migrates, then reports the schema up to date', async () => {
    const dataDir = join(freshDir(), 'data');
    const first = await dwc(['migrate'], { DWC_DATA_DIR: dataDir });
    expect(first.stdout).toMatch(/sqlite .*dwc\.sqlite: applied Initial\d+/);
    const status = await dwc(['migrate', '--status'], { DWC_DATA_DIR: dataDir });
    expect(status.stdout).toMatch(/up to date/);
  });

  it('lists users with their role', async () => {
    const dataDir = join(freshDir(), 'data');
    const server = await startServer({ DWC_DATA_DIR: dataDir, DATABASE_URL: '', ...ownerEnv });
    await stopServer(server.child);
    const { stdout } = await dwc(['users', 'list'], { DWC_DATA_DIR: dataDir });
    expect(stdout).toMatch(new RegExp(`^owner +${TEST_OWNER.email.replace('.', '\\.')}  [0-9A-Z]{26}$`, 'm'));
  });

  it('lists plugins with their state and capabilities', async () => {
    const { stdout } = await dwc(['plugins', 'list']);
    expect(stdout).toMatch(/^active +@dwc\/plugin-action-transform@0\.1\.0 +action:transform$/m);
  });

  it('doctor names an unreachable database and says how to fix it', async () => {
    const result = await dwc(['doctor'], { DATABASE_URL: 'postgres://dwc:secret-pw@127.0.0.1:1/dwc', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL Cannot connect to Postgres at 127.0.0.1:1/dwc (DATABASE_URL)');
    expect(result.stdout).toContain('fix: check DATABASE_URL and that Postgres is running');
    expect(result.stdout).not.toContain('secret-pw');
  });

  it('doctor lists pending migrations and failed plugins', async () => {
    const result = await dwc(['doctor'], { DWC_PLUGINS_DIR: fixturePlugins, PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL \d+ migration\(s\) pending: Initial/);
    expect(result.stdout).toContain('FAIL Plugin fixture-wrong-api: was built for plugin API v2');
  });
});
