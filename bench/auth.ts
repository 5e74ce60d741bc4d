// Auth costs. (1) Logins per second against the real server at the OWASP argon2id cost
// (m=19456 KiB, t=2, p=1), at 2, 4 and 8 concurrent clients. (2) The overhead of the auth path
// (rate limits, JWT verification, session and user lookup, authorization, audit recorder) on an
// authenticated GET /api/v3/workflows/{id}, against the same route mounted without it.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { report, type Row } from './lib/report.js';
import { noRateLimitEnv, ownerEnv, startServer, stopServer, TEST_OWNER } from './lib/server-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

async function measure(options: autocannon.Options) {
  await autocannon({ ...options, duration: 1 });
  const result = await autocannon({ ...options, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

// (1) Logins.
const dir = mkdtempSync(join(tmpdir(), 'dwc-bench-login-'));
const server = await startServer({ DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv, DWC_RATE_LIMIT_AUTH: '0', LOG_LEVEL: 'warn' });
const loginRows: Row[] = [];
try {
  for (const connections of [2, 4, 8]) {
    const result = await measure({
      url: `${server.url}/api/v3/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: TEST_OWNER.email, password: TEST_OWNER.password }),
      connections,
    });
    loginRows.push({ concurrency: connections, 'logins/s': Math.round(result.rps * 10) / 10, 'p50 ms': result.p50, 'p99 ms': result.p99, logins: result.total });
  }
} finally {
  await stopServer(server.child);
  rmSync(dir, { recursive: true, force: true });
}
report('auth-logins', loginRows, { argon2: { algorithm: 'argon2id', memory_kib: 19_456, iterations: 2, parallelism: 1 }, duration_s: DURATION_S });

// (2) Overhead on an authenticated GET.
const child = fork(fileURLToPath(new URL('./lib/auth-overhead-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
try {
  const ready = await new Promise<{ authPort: number; openPort: number; workflowId: string; token: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as never));
    child.once('exit', (code) => reject(new Error(`overhead server exited with ${code}`)));
  });
  const CONNECTIONS = 16;
  const path = `/api/v3/workflows/${ready.workflowId}`;
  const open = await measure({ url: `http://127.0.0.1:${ready.openPort}${path}`, connections: CONNECTIONS });
  const authed = await measure({ url: `http://127.0.0.1:${ready.authPort}${path}`, connections: CONNECTIONS, headers: { authorization: `Bearer ${ready.token}` } });
  const rows: Row[] = [
    { variant: 'without auth', 'req/s': Math.round(open.rps), 'p50 ms': open.p50, 'p99 ms': open.p99 },
    { variant: 'with auth + audit', 'req/s': Math.round(authed.rps), 'p50 ms': authed.p50, 'p99 ms': authed.p99 },
  ];
  report('auth-overhead', rows, { route: 'GET /api/v3/workflows/{id}', connections: CONNECTIONS, database: 'sqlite', ratio: Math.round((authed.rps / open.rps) * 1000) / 1000, duration_s: DURATION_S });
  console.log(`with auth / without: ${(authed.rps / open.rps).toFixed(3)}`);
} finally {
  child.kill('SIGTERM');
}
