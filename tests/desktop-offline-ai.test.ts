// The desktop app offline: its embedded server (started as the app starts it, no cloud key, no
// network) finds Ollama at OLLAMA_HOST and lists its models, and analyses text with the local
// analyzer when no Ollama answers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '@dwc/desktop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from './support/fake-vendors/ollama.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function signedIn(server: EmbeddedServer): Promise<Record<string, string>> {
  const launch = await fetch(server.launchUrl(), { redirect: 'manual' });
  const cookie = launch.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const refreshed = await fetch(`${server.url}/api/v3/auth/refresh`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
  const { access_token } = (await refreshed.json()) as { access_token: string };
  return { cookie, authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
}

describe('the desktop app offline', () => {
  const folders: string[] = [];
  const servers: EmbeddedServer[] = [];
  let ollama: FakeOllama;

  const start = async (env: Record<string, string>) => {
    const userData = mkdtempSync(join(tmpdir(), 'dwc-desktop-ai-'));
    folders.push(userData);
    const server = await startEmbeddedServer({ userDataDir: userData, masterKey: randomBytes(32).toString('base64'), env: { LOG_LEVEL: 'silent', DWC_AI_HEALTH_CACHE_MS: '0', ...env } });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    ollama = await startFakeOllama();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await ollama?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('finds Ollama at OLLAMA_HOST, shows it running and lists its models', async () => {
    const server = await start({ OLLAMA_HOST: ollama.url });
    const reply = await fetch(`${server.url}/api/v3/advanced/ai/providers`, { headers: await signedIn(server) });
    expect(reply.status).toBe(200);
    const { items } = (await reply.json()) as { items: { type: string; health: { ok: boolean }; models: { id: string }[] | null }[] };
    const found = items.find((p) => p.type === 'ollama');
    expect(found?.health.ok).toBe(true);
    expect(found?.models?.map((m) => m.id)).toEqual(expect.arrayContaining(['llama3.2:latest']));
  });

  it('analyses text with the local analyzer when no Ollama answers and no cloud key is set', async () => {
    const server = await start({ OLLAMA_HOST: `http://127.0.0.1:${await closedPort()}` });
    const reply = await fetch(`${server.url}/api/v3/advanced/ai/analyze`, {
      method: 'POST',
      headers: await signedIn(server),
      body: JSON.stringify({ text: 'The invoice arrived early and the support team was wonderful.', tasks: ['sentiment', 'keywords'] }),
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ provider: 'local' });
  });

  it('chains Ollama then the local provider by default: embeddings from Ollama while it runs, from the local provider once it stops', async () => {
    const server = await start({ OLLAMA_HOST: ollama.url });
    const generated = await fetch(`${server.url}/api/v3/advanced/ai/generate`, { method: 'POST', headers: await signedIn(server), body: JSON.stringify({ prompt: 'Hola' }) });
    expect(await generated.json()).toMatchObject({ provider: 'ollama' });
    expect((await server.runtime.ai.service.embed({ texts: ['factura de marzo'] })).provider).toBe('ollama');
    const gone = await start({ OLLAMA_HOST: `http://127.0.0.1:${await closedPort()}` });
    const embedded = await gone.runtime.ai.service.embed({ texts: ['factura de marzo'] });
    expect(embedded.provider).toBe('local');
    // Ollama was tried first (and found gone) before the local provider answered.
    expect(embedded.attempts.map((a) => a.provider)).toEqual(['ollama']);
  });
});
