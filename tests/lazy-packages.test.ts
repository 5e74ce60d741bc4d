import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, freePort } from '../bench/lib/server-process.js';

const preloadCjs = fileURLToPath(new URL('./fixtures/preload/print-loaded-packages.cjs', import.meta.url));
const preloadEsm = fileURLToPath(new URL('./fixtures/preload/record-esm-loads.mjs', import.meta.url));

/** Package names in `node_modules` paths or URLs (the last node_modules segment names the package). */
function packagesIn(lines: string[]): string[] {
  return lines.map((line) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
}
const TOKEN = 'lazy-packages-token-lazy-packages-token';

describe('what a SQLite server loads at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-lazy-packages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves pg, ws, ajv, liquidjs, zod-openapi, express-rate-limit and the plugins\' vendor SDKs unloaded until first use, and loads zod-openapi for the OpenAPI document', async () => {
    const port = await freePort();
    const esmLog = join(dir, 'esm-loads.txt');
    const child = spawn(process.execPath, ['-r', preloadCjs, '--import', preloadEsm, cliPath, 'serve'], {
      env: { ...process.env, DWC_TEST_LOADED_FILE: esmLog, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', REDIS_URL: '', DWC_API_TOKEN: TOKEN, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const loaded = async (): Promise<string[]> => {
      const before = stderr.length;
      child.kill('SIGUSR2');
      await expect.poll(() => stderr.slice(before).includes('LOADED '), { timeout: 5_000 }).toBe(true);
      const required = JSON.parse(/LOADED (.*)\n/.exec(stderr.slice(before))![1]!) as string[];
      const imported = existsSync(esmLog) ? packagesIn(readFileSync(esmLog, 'utf8').split('\n')) : [];
      return [...new Set([...required, ...imported])];
    };
    try {
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status, { timeout: 30_000, interval: 50 }).toBe(200);
      const atStart = await loaded();
      // Both records work: better-sqlite3 is required (CommonJS), zod imported (an ES module); the
      // server is bundled (scripts/bundle.mjs), so only what the bundle leaves external shows here.
      expect(atStart).toEqual(expect.arrayContaining(['better-sqlite3', 'zod']));
      for (const lazy of ['ioredis']) expect(atStart).not.toContain(lazy);
      for (const lazy of ['pg', 'ws', 'ajv', 'liquidjs', 'zod-openapi']) expect(atStart).not.toContain(lazy);
      // Loaded by their plugins at the first push, scrape, message or watched folder, not at start.
      for (const lazy of ['@opentelemetry/sdk-metrics', '@opentelemetry/exporter-metrics-otlp-http', '@slack/web-api', 'prom-client', 'web-push', 'chokidar']) expect(atStart).not.toContain(lazy);
      // Loaded with the first token (jose) or password (argon2) checked.
      for (const lazy of ['jose', '@node-rs/argon2']) expect(atStart).not.toContain(lazy);
      expect((await fetch(`http://127.0.0.1:${port}/openapi.json`)).status).toBe(200);
      expect(await loaded()).toContain('zod-openapi');
      // Loaded by the first rate-limited request (/api/v3, /webhook); /health is not one.
      expect(atStart).not.toContain('express-rate-limit');
      expect((await fetch(`http://127.0.0.1:${port}/api/v3/plugins`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect(await loaded()).toContain('express-rate-limit');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
