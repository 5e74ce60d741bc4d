import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@dwc/runtime';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type ScratchDatabase } from './support/postgres.js';

const TOKEN = 'ai-api-test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const repoRoot = new URL('..', import.meta.url).pathname;

/** Reads a server-sent event stream to its end: the events in order. */
async function readEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) as unknown };
    });
}

describe.each(['sqlite', 'postgres'] as const)('AI routes on %s', (dialect) => {
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let server: Server;
  let baseUrl: string;
  let dir: string;
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dwc-ai-api-'));
    scratch = dialect === 'postgres' ? await createTestDatabase() : undefined;
    const config = loadConfig({
      env: {
        DWC_API_TOKEN: TOKEN, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', DWC_WORKER_CONCURRENCY: '4',
        DWC_PLUGINS: './tests/fixtures/plugins/ai-scripted', DWC_AI_FALLBACK: 'scripted,scripted-b', DWC_AI_TOKEN_COALESCE_MS: '0',
        DWC_AI_PRICES: JSON.stringify({ 'scripted/*': { input_per_1m: 2, output_per_1m: 4 } }),
      },
      cwd: dir,
      defaults: { pluginsDir: bundledPluginsDir },
    });
    runtime = await createRuntime({ config, logger: createLogger({ level: 'silent' }), cwd: repoRoot });
    app = createApp(composeApiDeps(runtime));
    server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: object) => request(app).post(path).set(auth).send(body);
  const get = (path: string) => request(app).get(path).set(auth);
  const stream = (body: object) => fetch(`${baseUrl}/api/v3/advanced/ai/generate`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, stream: true }) });

  it('generates an answer with who answered, tokens and cost', async () => {
    const res = await post('/api/v3/advanced/ai/generate', { prompt: 'hello world', system: 'brief', max_tokens: 50 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ text: 'Scripted scripted answer: hello world', provider: 'scripted', model: 'scripted-1', attempts: [], finish_reason: 'stop' });
    const { input_tokens, output_tokens, cost_usd } = res.body.usage;
    expect(cost_usd).toBeCloseTo((input_tokens * 2 + output_tokens * 4) / 1e6, 12);
  });

  it('streams tokens as server-sent events, then the full result', async () => {
    const response = await stream({ prompt: 'stream me some words', temperature: 0.9 });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const tokens = events.filter((e) => e.event === 'token') as { data: { index: number; text: string } }[];
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.map((t) => t.data.index)).toEqual(tokens.map((_, i) => i));
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ provider: 'scripted', usage: { cached: false } });
    expect(tokens.map((t) => t.data.text).join('')).toBe((done.data as { text: string }).text);
  });

  it('sends a reset event when the streaming provider breaks and the next one takes over', async () => {
    const events = await readEvents(await stream({ prompt: '[break:scripted] go' }));
    expect(events.map((e) => e.event).slice(0, 3)).toEqual(['token', 'token', 'reset']);
    expect(events[2]!.data).toMatchObject({ provider: 'scripted', reason: 'connection', message: expect.stringContaining('mid-stream') });
    const done = events.at(-1)!.data as { text: string; provider: string };
    expect(done.provider).toBe('scripted-b');
    expect(events.slice(3, -1).map((e) => (e.data as { text: string }).text).join('')).toBe(done.text);
  });

  it('ends a stream with an error event naming the provider failure', async () => {
    const events = await readEvents(await stream({ prompt: '[fail:scripted:bad_request] no' }));
    expect(events.map((e) => e.event)).toEqual(['error']);
    expect(events[0]!.data).toMatchObject({ error: { code: 'ai_bad_request', details: { attempts: [{ provider: 'scripted', reason: 'bad_request' }] } } });
  });

  it('aborts the provider call when the streaming client disconnects', async () => {
    const before = (globalThis as { __dwcScriptedAborts?: number }).__dwcScriptedAborts ?? 0;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}/api/v3/advanced/ai/generate`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end(JSON.stringify({ prompt: '[slow:scripted] wait', provider: 'scripted', stream: true }));
    });
    await vi.waitFor(() => expect((globalThis as { __dwcScriptedAborts?: number }).__dwcScriptedAborts).toBe(before + 1), { timeout: 5_000 });
  });

  it('aborts the provider call when a client waiting for a plain answer disconnects', async () => {
    const counters = globalThis as { __dwcScriptedAborts?: number; __dwcScriptedSlow?: number };
    const aborts = counters.__dwcScriptedAborts ?? 0;
    const started = counters.__dwcScriptedSlow ?? 0;
    const req = httpRequest(`${baseUrl}/api/v3/advanced/ai/generate`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ prompt: '[slow:scripted] wait', provider: 'scripted' }));
    await vi.waitFor(() => expect(counters.__dwcScriptedSlow).toBe(started + 1), { timeout: 5_000 });
    req.destroy();
    await vi.waitFor(() => expect(counters.__dwcScriptedAborts).toBe(aborts + 1), { timeout: 5_000 });
  });

  it('answers 502 with every attempt when no provider answers, and 400 for bad input', async () => {
    const failed = await post('/api/v3/advanced/ai/generate', { prompt: '[fail:scripted:connection] [fail:scripted-b:server_error]' });
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'ai_unavailable', details: { attempts: [{ provider: 'scripted', reason: 'connection' }, { provider: 'scripted-b', reason: 'server_error' }] } });
    expect((await post('/api/v3/advanced/ai/generate', { prompt: '' })).status).toBe(400);
    expect((await post('/api/v3/advanced/ai/analyze', { text: 'x', tasks: ['classification'] })).status).toBe(400);
  });

  it('analyzes a text', async () => {
    const res = await post('/api/v3/advanced/ai/analyze', { text: 'This is terrible.', tasks: ['sentiment', 'language'], provider: 'scripted-b' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sentiment: { label: 'negative' }, language: { code: 'en' }, provider: 'scripted-b' });
  });

  it('lists providers with capabilities, health and models, and readiness includes them', async () => {
    const res = await get('/api/v3/advanced/ai/providers');
    // The bundled providers (openai, ollama, ...) are listed too; the fixture's two come from DWC_PLUGINS.
    expect(res.body.items.map((p: { type: string }) => p.type)).toEqual(expect.arrayContaining(['scripted', 'scripted-b', 'local', 'openai']));
    expect(res.body.items.find((p: { type: string }) => p.type === 'scripted-b')).toMatchObject({ plugin: 'dwc-fixture-ai-scripted', capabilities: { analysis: true, embeddings: true }, health: { ok: true }, models: [{ id: 'scripted-b-1' }] });
    const ready = await request(app).get('/api/v3/health');
    expect(ready.body.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ai:scripted', status: 'ok' })]));
  });

  it('says when nothing is embedded yet, then ranks documents by meaning', async () => {
    const none = await get('/api/v3/documents/search?q=boats');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no_embeddings');
    const workflow = await post('/api/v3/workflows', {
      name: 'corpus',
      steps: [
        { id: 'tides', type: 'ai.generate', input: { prompt: 'harbour tides boats sailing', document: { title: 'Tides' } } },
        { id: 'snow', type: 'ai.generate', input: { prompt: 'mountain snow skiing winter', document: { title: 'Snow' } } },
        { id: 'index', type: 'ai.embed', input: {} },
      ],
    });
    const run = await post(`/api/v3/workflows/${workflow.body.id}/execute?wait=true`, {});
    expect(run.body.status).toBe('succeeded');
    const hits = await get(`/api/v3/documents/search?q=${encodeURIComponent('harbour boats')}&limit=5`);
    expect(hits.status).toBe(200);
    expect(hits.body).toMatchObject({ provider: 'scripted', model: 'scripted-embed', total: 2, scanned: 2 });
    expect(hits.body.items.map((i: { document: { title: string } }) => i.document.title)).toEqual(['Tides', 'Snow']);
    expect(hits.body.items[0].score).toBeGreaterThan(hits.body.items[1].score);
    const posted = await post('/api/v3/documents/search', { q: 'winter skiing', limit: 1, workflow_id: workflow.body.id });
    expect(posted.body.items.map((i: { document: { title: string } }) => i.document.title)).toEqual(['Snow']);
    const elsewhere = await get('/api/v3/documents/search?q=snow&workflow_id=nothing-here');
    expect(elsewhere.body.items).toEqual([]);
    expect((await get('/api/v3/documents/search')).status).toBe(400);
  });

  it('creates an AI workflow from a template, runs it, and reports it in stats', async () => {
    const templates = await get('/api/v3/ai-workflows/templates');
    expect(templates.body.items.map((t: { name: string }) => t.name)).toEqual(['content_generation', 'summarization', 'document_analysis', 'translation', 'classification']);
    const created = await post('/api/v3/ai-workflows', {
      name: 'Content Generation Workflow', workflow_type: 'content_generation', template_name: 'content_generation',
      input_data: { topic: 'AI Automation', prompt: 'Generate content about AI automation' }, ai_provider: 'scripted',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), version: 1, workflow_type: 'content_generation', template_name: 'content_generation', ai_provider: 'scripted' });
    expect((await get(`/api/v3/workflows/${created.body.id}`)).status).toBe(200);
    const list = await get('/api/v3/ai-workflows');
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);

    const run = await post(`/api/v3/ai-workflows/${created.body.id}/execute?wait=true`, {});
    expect(run.body).toMatchObject({ status: 'succeeded' });
    const documents = await get(`/api/v3/documents?execution_id=${run.body.id}`);
    expect(documents.body.items.map((d: { title: string }) => d.title)).toEqual(['AI Automation']);

    const stats = await get('/api/v3/ai-workflows/stats');
    expect(stats.body).toMatchObject({ workflows: 1, by_type: { content_generation: 1 }, executions: { total: 1, by_status: { succeeded: 1 } }, usage: { calls: 3 } });
    expect(stats.body.usage.output_tokens).toBeGreaterThan(0);
    expect(stats.body.by_provider).toEqual([expect.objectContaining({ key: 'scripted', calls: 3, cost_usd: expect.any(Number) })]);
    const one = await get(`/api/v3/ai-workflows/${created.body.id}`);
    expect(one.body.usage[0]).toMatchObject({ key: 'scripted', calls: 3 });
    const analytics = await get(`/api/v3/workflows/${created.body.id}/analytics`);
    expect(analytics.body.ai_usage).toEqual([expect.objectContaining({ key: 'scripted', calls: 3 })]);
    const byStep = await get(`/api/v3/advanced/ai/usage?group_by=step&execution_id=${run.body.id}`);
    expect(byStep.body.items).toHaveLength(3);
    const calls = await get(`/api/v3/advanced/ai/usage/calls?execution_id=${run.body.id}`);
    expect(calls.body.items.map((c: { step_id: string; outcome: string; workflow_id: string }) => `${c.step_id}:${c.outcome}`)).toEqual(['outline:ok', 'draft:ok', 'polish:ok']);
    expect(calls.body.items[0]).toMatchObject({ provider: 'scripted', model: 'scripted-1', operation: 'generate', workflow_id: created.body.id, cached: false, cost_usd: expect.any(Number) });
    expect((await get('/api/v3/advanced/ai/usage/calls')).status).toBe(400);

    expect((await post('/api/v3/ai-workflows', { name: 'x', workflow_type: 'poetry' })).status).toBe(400);
    expect((await post('/api/v3/ai-workflows', { name: 'x', workflow_type: 'translation', template_name: 'summarization' })).status).toBe(400);
    const bare = await post('/api/v3/ai-workflows', { name: 'no topic', workflow_type: 'content_generation' });
    const refused = await post(`/api/v3/ai-workflows/${bare.body.id}/execute`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual({ topic: ['is required'] });

    expect((await request(app).delete(`/api/v3/ai-workflows/${created.body.id}`).set(auth)).status).toBe(204);
    expect((await get(`/api/v3/ai-workflows/${created.body.id}`)).status).toBe(404);
    expect((await get('/api/v3/ai-workflows/not-an-ai-workflow')).status).toBe(404);
  });
});
