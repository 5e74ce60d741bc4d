import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, openDatabase, sqlClientOf } from '@dwc/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, startServer, stopServer } from '../bench/lib/server-process.js';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-audit-cli-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `dwc …` as a real process, with `stdin` piped in. */
function dwc(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function tamper(env: { DATABASE_URL: string; DWC_DATA_DIR: string }, sqlText: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DWC_DATA_DIR, logger: createLogger({ level: 'silent' }) });
  try {
    await sqlClientOf(database).run(sqlText);
  } finally {
    await database.close();
  }
}

describe.each(['sqlite', 'postgres'] as const)('dwc audit and dwc secrets on %s', (dialect) => {
  let scratch: ScratchDatabase | undefined;
  afterAll(async () => scratch?.drop());

  it('stores secrets from stdin, verifies the chain (exit 0), and names the first bad record after tampering (exit 1)', async () => {
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const env = { DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: scratch?.url ?? '' };
    expect(await dwc(['secrets', 'set', 'FIRST'], env, 'value-one\n')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^stored secret FIRST \(sealed with key [0-9a-f]{12}\)/) });
    if (dialect === 'sqlite') expect(statSync(join(env.DWC_DATA_DIR, 'master.key')).mode & 0o777).toBe(0o600);
    await dwc(['secrets', 'set', 'SECOND'], env, 'value-two');
    await dwc(['secrets', 'set', 'THIRD'], env, 'value-three');
    const list = await dwc(['secrets', 'list'], env);
    expect(list.stdout).toMatch(/^FIRST {2}key [0-9a-f]{12} {2}updated .* by cli:/m);
    expect(list.stdout).not.toContain('value-');

    const ok = await dwc(['audit', 'verify'], env);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit log intact: 3 record\(s\) checked, head seq 3 hash [0-9a-f]{64}\n$/) });

    await tamper(env, "UPDATE audit_events SET target = 'secret:OTHER' WHERE seq = 2");
    const broken = await dwc(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^audit log broken at seq 2 \(id [0-9A-Z]{26}\): hash_mismatch: /)]);

    await tamper(env, 'DELETE FROM audit_events WHERE seq = 2');
    expect((await dwc(['audit', 'verify'], env)).stderr).toMatch(/^audit log broken at seq 3 .*: gap: /);
  });

  it('rotates the master key from the command line and keeps every secret readable', async () => {
    const db = dialect === 'postgres' ? await createTestDatabase() : undefined;
    try {
      const env = { DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: db?.url ?? '', DWC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };
      await dwc(['secrets', 'set', 'TOKEN'], env, 'abc');
      const rotated = await dwc(['secrets', 'rotate-key', '--batch-size', '1'], env);
      expect(rotated.code).toBe(0);
      const newKey = /^new master key: (\S+)$/m.exec(rotated.stdout)?.[1];
      expect(newKey).toBeDefined();
      expect(rotated.stdout).toContain(`DWC_MASTER_KEY_PREVIOUS=${env.DWC_MASTER_KEY}`);
      const list = await dwc(['secrets', 'list', '--json'], { ...env, DWC_MASTER_KEY: newKey!, DWC_MASTER_KEY_PREVIOUS: env.DWC_MASTER_KEY });
      expect(JSON.parse(list.stdout)).toHaveLength(1);
      expect((await dwc(['secrets', 'rotate-key', '--new-key', 'short'], env)).stderr).toMatch(/^dwc: --new-key must be 32 bytes/);
    } finally {
      await db?.drop();
    }
  });
});

describe('dwc serve and the master key', () => {
  it('refuses to start with a key file other users can read, in one line saying how to fix it', async () => {
    const dataDir = join(freshDir(), 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'master.key'), `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(join(dataDir, 'master.key'), 0o644);
    const result = await dwc(['serve'], { DWC_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', DWC_API_TOKEN: 'x'.repeat(32) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`dwc: The master key file ${join(dataDir, 'master.key')} is readable by other users (mode 0644); run \`chmod 600 ${join(dataDir, 'master.key')}\` and start again.`]);
  });

  it('refuses a malformed DWC_MASTER_KEY in one line naming the setting', async () => {
    const result = await dwc(['serve'], { DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', PORT: '0', DWC_MASTER_KEY: 'too-short' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^dwc: Invalid configuration: DWC_MASTER_KEY=\(hidden\): must be 32 bytes/)]);
  });
});

describe('dwc serve and the audit log', () => {
  it('records mutating requests and flushes them on a graceful stop', async () => {
    const env = { DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', DWC_API_TOKEN: 'cli-audit-test-token-0123456789' };
    const server = await startServer(env);
    try {
      const headers = { authorization: `Bearer ${env.DWC_API_TOKEN}`, 'content-type': 'application/json', 'user-agent': 'flush-test' };
      const puts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => fetch(`${server.url}/api/v3/security/secrets/S${i}`, { method: 'PUT', headers, body: JSON.stringify({ value: `v${i}` }) })),
      );
      expect(puts.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 201));
    } finally {
      expect(await stopServer(server.child)).toBe(0);
    }
    const exported = await dwc(['audit', 'export', '--format', 'json', '--action', 'http.request'], env);
    const records = JSON.parse(exported.stdout) as { user_agent: string; actor: string }[];
    expect(records).toHaveLength(20);
    expect(records.every((r) => r.user_agent === 'flush-test' && r.actor === 'service')).toBe(true);
    expect((await dwc(['audit', 'verify'], env)).code).toBe(0);
  });
});
