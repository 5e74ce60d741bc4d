// Starts the real dwc server as a child process, for benchmarks and whole-server tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The `dwc` command as shipped (`npm start`, the package's bin): the bundled server. */
export const cliPath = fileURLToPath(new URL('../../apps/server/bin/dwc.js', import.meta.url));
/** The tsc output before bundling, for benches printing the unbundled start beside the shipped one. */
export const unbundledCliPath = fileURLToPath(new URL('../../apps/server/dist/cli.js', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Milliseconds from spawn to the first 200 from GET /health. */
  startMs: number;
  /** CPU time (user + system, all threads) the server spent up to that 200; unlike wall time, steady on a loaded machine. */
  cpuMs: number;
  output(): string;
}

/** Spawns `dwc serve` with `env` on a free port (unless PORT is given) and resolves once GET /health answers 200. */
export async function startServer(
  env: Record<string, string>,
  options: { timeoutMs?: number; /** Node executable; the running one by default. */ node?: string; /** Script run as `dwc`; `cliPath` by default. */ cli?: string } = {},
): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const started = performance.now();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(options.node ?? process.execPath, [...nodeArgs, options.cli ?? cliPath, 'serve'], {
    // REDIS_URL only when the caller gives it: CI exports it, and servers sharing Redis share their
    // sign-in rate-limit counters, so unrelated tests would refuse each other's logins.
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', REDIS_URL: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) {
        const startMs = performance.now() - started;
        return { child, url, port, startMs, cpuMs: cpuMs(child.pid!), output: () => output };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /health within ${timeoutMs} ms: ${output}`);
}

const clockTicksPerSecond = 100; // USER_HZ, fixed at 100 for /proc on Linux

/** CPU time (utime + stime, over all its threads) a running process has used, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
}

/** Resident set size of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process has ended. */
export function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** The owner every whole-server test and benchmark starts with (a password that passes the strength check). */
export const TEST_OWNER = { email: 'owner@example.com', password: 'correct horse battery staple' } as const;

/**
 * Environment creating `TEST_OWNER` at first start, with one JWT key so processes sharing a
 * database accept each other's tokens (as a real multi-process deployment must configure).
 */
export const ownerEnv: Record<string, string> = {
  DWC_ADMIN_EMAIL: TEST_OWNER.email,
  DWC_ADMIN_PASSWORD: TEST_OWNER.password,
  DWC_JWT_SECRET: 'dwc-test-jwt-secret-0123456789abcdef',
};

/** Signs in as `TEST_OWNER` at `url` and returns the access token. */
export async function loginAsOwner(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v3/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: TEST_OWNER.email, password: TEST_OWNER.password }),
  });
  if (response.status !== 200) throw new Error(`login as ${TEST_OWNER.email} failed with ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Switches the API rate limits off, for tests that poll in tight loops and for throughput benchmarks. */
export const noRateLimitEnv: Record<string, string> = { DWC_RATE_LIMIT_PER_IP: '0', DWC_RATE_LIMIT_PER_USER: '0' };
