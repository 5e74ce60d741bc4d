import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../bench/lib/server-process.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dwc(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', DATABASE_URL: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('dwc commands use the server factory', () => {
  it("warn, as the server does, when they create the master key; log to standard error only; issue no setup token", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dwc-cli-wiring-'));
    dirs.push(dir);
    const env = { DWC_DATA_DIR: join(dir, 'data') };

    const set = await dwc(['secrets', 'set', 'API_TOKEN'], env, 'value-one');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^stored secret API_TOKEN \(sealed with key [0-9a-f]{12}\)\n$/);
    const warning = set.stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(warning).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('created the secrets master key') }));
    expect(set.stderr + set.stdout).not.toContain('setup_token');

    const exported = await dwc(['audit', 'export', '--format', 'json'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual([expect.objectContaining({ action: 'secret.set', actor: expect.stringMatching(/^cli:/) })]);

    const users = await dwc(['users', 'list'], env);
    expect(users.stdout).toContain('no users yet');
  });
});
