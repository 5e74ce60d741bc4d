import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, freePort, startServer, stopServer } from '../bench/lib/server-process.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-terminal-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `dwc serve` on a pseudo-terminal (util-linux `script`), as `npm start` in a terminal does,
 * and resolves once `ready` appears in what the terminal shows.
 */
async function serveOnTerminal(env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; screen(): string }> {
  const base = { ...process.env };
  for (const name of ['HOST', 'LOG_FORMAT', 'NO_COLOR', 'DWC_API_TOKEN', 'DWC_ADMIN_EMAIL', 'DWC_ADMIN_PASSWORD']) delete base[name];
  // A process group of its own, so the test can stop exactly the processes it started.
  const child = spawn('script', ['-qfec', `${shellQuote(process.execPath)} ${shellQuote(cliPath)} serve`, '/dev/null'], {
    env: { ...base, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const screen = () => stripVTControlCharacters(output).replaceAll('\r', '');
  const started = performance.now();
  while (!ready.test(screen())) {
    if (child.exitCode !== null) throw new Error(`dwc serve exited with ${child.exitCode}: ${screen()}`);
    if (performance.now() - started > 30_000) {
      stopGroup(child);
      throw new Error(`dwc serve did not show ${ready} within 30 s: ${screen()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, screen };
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

describe('dwc serve output', () => {
  it('on a terminal prints readable log lines and one banner with http://localhost:<port>, the database, the plugins and the setup step', async () => {
    const port = await freePort();
    const dataDir = join(freshDir(), 'data');
    const server = await serveOnTerminal({ PORT: String(port), DWC_DATA_DIR: dataDir }, /Ctrl-C stops the server/);
    try {
      const screen = server.screen();
      expect(screen).toContain(`Open       http://localhost:${port}\n`);
      expect(screen).toContain(`Database   SQLite ${join(dataDir, 'dwc.sqlite')}\n`);
      expect(screen).toMatch(/Plugins {4}\d+ loaded\n/);
      expect(screen.match(/ is ready\n/g)).toHaveLength(1);
      expect(screen).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: plugin loaded /m);
      expect(screen).not.toMatch(/^\{"level"/m);
      expect(screen).not.toContain('[::1]');

      // The token the banner shows is the one that creates the owner.
      const token = /^ {4}(dwcs_[A-Za-z0-9_-]+)$/m.exec(screen)?.[1];
      expect(token).toBeDefined();
      expect(screen).toContain(`curl -X POST http://localhost:${port}/api/v3/auth/setup`);
      const setup = await fetch(`http://127.0.0.1:${port}/api/v3/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ setup_token: token, email: 'first@example.com', password: 'correct horse battery staple' }),
      });
      expect(setup.status).toBe(201);
    } finally {
      await stopGroup(server.child);
    }
  });

  it('on a terminal with LOG_FORMAT=json prints JSON lines and no banner', async () => {
    const port = await freePort();
    const server = await serveOnTerminal({ PORT: String(port), DWC_DATA_DIR: join(freshDir(), 'data'), LOG_FORMAT: 'json' }, /dwc listening on[^\n]*\n/);
    try {
      // Only whole lines: the server may be writing the next one when the one awaited appears.
      const screen = server.screen();
      const lines = screen.slice(0, screen.lastIndexOf('\n') + 1).split('\n').filter((line) => line.trim() !== '');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContainEqual(expect.stringContaining(`dwc listening on http://localhost:${port} `));
      expect(server.screen()).not.toContain('is ready');
    } finally {
      await stopGroup(server.child);
    }
  });

  it('prints JSON lines when the output is not a terminal, the setup token in one of them', async () => {
    const server = await startServer({ DWC_DATA_DIR: join(freshDir(), 'data'), DATABASE_URL: '', DWC_API_TOKEN: '', DWC_ADMIN_EMAIL: '', DWC_ADMIN_PASSWORD: '', LOG_FORMAT: '', LOG_LEVEL: 'info' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = server.output().split('\n').filter((line) => line.trim() !== '');
      const records = lines.map((line) => JSON.parse(line) as { level: string; msg: string; setup_token?: string; url?: string });
      expect(records.find((r) => r.msg.startsWith('dwc listening on'))).toMatchObject({ level: 'info', url: server.url });
      expect(records.find((r) => r.setup_token !== undefined)).toMatchObject({ level: 'warn', setup_token: expect.stringMatching(/^dwcs_/) });
      expect(server.output()).not.toContain('is ready');
    } finally {
      await stopServer(server.child);
    }
  });
});
