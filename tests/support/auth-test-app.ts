// An in-process dwc (real runtime, real routes) with a first owner and an array-backed audit recorder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createMemoryAuditRecorder, createRuntime, loadConfig, type AuditEntry, type Role, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { ownerEnv, TEST_OWNER } from '../../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './postgres.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

export interface AuthTestApp {
  runtime: Runtime;
  app: ReturnType<typeof createApp>;
  /** Every audit entry recorded so far. */
  audit: AuditEntry[];
  owner: TestUser;
  /** Signs in; returns the response (status and body). */
  login(username: string, password: string, totp?: string): Promise<request.Response>;
  /** Creates a user of `role` through the API (as the owner) and signs them in. */
  createUser(role: Role, email?: string): Promise<TestUser>;
  close(): Promise<void>;
}

const STRONG = 'violet tractor sings at noon';
let counter = 0;

/** Starts the app on `dialect` with `ownerEnv`; `env` adds or overrides settings (rate limits, TTLs, ...). */
export async function startAuthTestApp(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<AuthTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-auth-'));
  let scratch: ScratchDatabase | undefined;
  try {
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const config = loadConfig({
      env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_WORKER_CONCURRENCY: '2', ...ownerEnv, ...env },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    const recorder = createMemoryAuditRecorder();
    const runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), audit: recorder });
    const app = createApp(composeApiDeps(runtime));
    const login = (username: string, password: string, totp?: string) =>
      request(app).post('/api/v3/auth/login').send(totp === undefined ? { username, password } : { username, password, totp });
    const signIn = async (email: string, password: string): Promise<TestUser> => {
      const response = await login(email, password);
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      return { id: response.body.user.id, email, password, token: response.body.access_token, refreshToken: response.body.refresh_token };
    };
    const owner = await signIn(TEST_OWNER.email, TEST_OWNER.password);
    return {
      runtime,
      app,
      audit: recorder.entries,
      owner,
      login,
      async createUser(role, email = `${role}-${++counter}-${Date.now()}@example.com`) {
        const created = await request(app).post('/api/v3/auth/users').set({ authorization: `Bearer ${owner.token}` }).send({ email, password: STRONG, role });
        if (created.status !== 201) throw new Error(`create ${role}: ${created.status} ${JSON.stringify(created.body)}`);
        return signIn(email, STRONG);
      },
      async close() {
        await runtime.close();
        await scratch?.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
