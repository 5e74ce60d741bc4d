// Child process for bench/auth.ts: one runtime (SQLite) served twice, on two ports: the product's
// route table as mounted (rate limits, authentication, authorization, audit recorder) and the same
// routes marked public with no limits. Sends {authPort, openPort, workflowId, token} when ready.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, defaultRoutes, type Route } from '@dwc/api';
import { createLogger, createRuntime, loadConfig } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import { noRateLimitEnv, ownerEnv, TEST_OWNER } from './server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-auth-'));
// Limits stay on (at a ceiling the load cannot reach) so their cost is part of what is measured.
const config = loadConfig({
  env: { DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '0', ...ownerEnv, ...noRateLimitEnv, DWC_RATE_LIMIT_PER_IP: '100000000', DWC_RATE_LIMIT_PER_USER: '100000000' },
  cwd: dir,
  defaults: { pluginsDir: bundledPluginsDir },
});
const logger = createLogger({ level: 'error' });
const runtime = await createRuntime({ config, logger });
const deps = composeApiDeps(runtime);
const openRoutes: Route[] = defaultRoutes.map((route) => ({ ...route, permission: 'public', public: true, credentialRateLimit: false }));
const withAuth = createApp(deps);
const withoutAuth = createApp({ ...deps, http: { ...deps.http, rateLimits: undefined } }, openRoutes);

const listen = (app: ReturnType<typeof createApp>) =>
  new Promise<number>((resolve) => {
    const server = createServer(app).listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
const [authPort, openPort] = await Promise.all([listen(withAuth), listen(withoutAuth)]);
const login = (await (await fetch(`http://127.0.0.1:${authPort}/api/v3/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: TEST_OWNER.email, password: TEST_OWNER.password }),
})).json()) as { access_token: string };
const workflow = (await (await fetch(`http://127.0.0.1:${authPort}/api/v3/workflows`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
  body: JSON.stringify({ name: 'bench', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: { expression: '1' } }] }),
})).json()) as { id: string };
process.send!({ authPort, openPort, workflowId: workflow.id, token: login.access_token });
process.on('SIGTERM', () => void runtime.close().then(() => process.exit(0)));
