// Pulling a model through the API into the Ollama plugin, against a server speaking Ollama's API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from './support/fake-vendors/ollama.js';

const TOKEN = 'model-pull-test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('POST /api/v3/advanced/ai/providers/{type}/pull', () => {
  let ollama: FakeOllama;
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  const previousHost = process.env.OLLAMA_HOST;

  beforeAll(async () => {
    ollama = await startFakeOllama();
    // The plugin reads its declared secret OLLAMA_HOST from the vault, then the environment.
    process.env.OLLAMA_HOST = ollama.url;
    dir = mkdtempSync(join(tmpdir(), 'dwc-pull-'));
    const config = loadConfig({ env: { DWC_API_TOKEN: TOKEN, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', DWC_WORKER_CONCURRENCY: '0' }, cwd: dir, defaults: { pluginsDir: bundledPluginsDir } });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }) });
    app = createApp(composeApiDeps(runtime));
  });
  afterAll(async () => {
    await runtime.close();
    await ollama.close();
    if (previousHost === undefined) delete process.env.OLLAMA_HOST;
    else process.env.OLLAMA_HOST = previousHost;
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a model into Ollama, which then lists it', async () => {
    const pulled = await request(app).post('/api/v3/advanced/ai/providers/ollama/pull').set(auth).send({ model: 'qwen2.5:0.5b' });
    expect(pulled.status).toBe(200);
    expect(pulled.body).toMatchObject({ provider: 'ollama', model: 'qwen2.5:0.5b', duration_ms: expect.any(Number) });
    expect(ollama.requests.filter((r) => r.path === '/api/pull')).toHaveLength(1);
    const providers = await request(app).get('/api/v3/advanced/ai/providers').set(auth);
    const models = providers.body.items.find((p: { type: string }) => p.type === 'ollama').models.map((m: { id: string }) => m.id);
    expect(models).toContain('qwen2.5:0.5b');
  });

  it('names the model when the registry has no such model, and refuses providers that do not download models', async () => {
    const missing = await request(app).post('/api/v3/advanced/ai/providers/ollama/pull').set(auth).send({ model: 'no-such-model' });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.body.error.message).toContain('no-such-model');
    const local = await request(app).post('/api/v3/advanced/ai/providers/local/pull').set(auth).send({ model: 'x' });
    expect(local.status).toBe(400);
    expect(local.body.error.message).toContain('does not download models');
    expect((await request(app).post('/api/v3/advanced/ai/providers/nope/pull').set(auth).send({ model: 'x' })).status).toBe(404);
    expect((await request(app).post('/api/v3/advanced/ai/providers/ollama/pull').set(auth).send({})).status).toBe(400);
  });

  it('streams the download\'s progress as server-sent events, then the result, and a refusal as an error event', async () => {
    ollama.pullable.push('smollm:135m');
    const streamed = await request(app).post('/api/v3/advanced/ai/providers/ollama/pull').set(auth).send({ model: 'smollm:135m', stream: true });
    expect(streamed.status).toBe(200);
    expect(streamed.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = sseEvents(streamed.text);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as { status: string; percent?: number; completed?: number; total?: number });
    expect(progress[0]).toEqual({ status: 'pulling manifest' });
    expect(progress.filter((p) => p.percent !== undefined).map((p) => p.percent)).toEqual([0, 25, 50, 75, 100]);
    expect(progress.find((p) => p.percent === 50)).toMatchObject({ completed: 500, total: 1000 });
    expect(progress.at(-1)).toEqual({ status: 'success' });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { provider: 'ollama', model: 'smollm:135m' } });

    const missing = await request(app).post('/api/v3/advanced/ai/providers/ollama/pull').set(auth).send({ model: 'no-such-model', stream: true });
    const last = sseEvents(missing.text).at(-1)!;
    expect(last.event).toBe('error');
    expect((last.data as { error: { message: string } }).error.message).toContain('no-such-model');
  });
});

function sseEvents(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)![1]!, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as unknown }));
}
