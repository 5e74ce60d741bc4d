import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itKeepsTheCancellationContract } from '../../../tests/support/fake-vendors/cancellation-contract.js';
import { callContext, closedPortUrl, expectAiFailure } from '../../../tests/support/fake-vendors/call-context.js';
import { startFakeOllama, type FakeOllama } from '../../../tests/support/fake-vendors/ollama.js';
import { ollamaConfigSchema, resolveOllamaSettings } from './common/config.js';
import { createOllamaProvider } from './ollama-provider.js';

let fake: FakeOllama;
beforeAll(async () => void (fake = await startFakeOllama()));
afterAll(() => fake.close());

function provider(config: Record<string, unknown> = {}) {
  return createOllamaProvider(resolveOllamaSettings(ollamaConfigSchema.parse({ host: fake.url, ...config }), {}));
}

const hello = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('ollama provider over the real SDK', () => {
  it('streams a plain prompt through /api/generate NDJSON, with usage from the final line', async () => {
    fake.reply = 'Hi there, human.';
    const ctx = callContext();
    const result = await provider().generate({ messages: [{ role: 'system', content: 'Be kind.' }, ...hello.messages], maxTokens: 16, temperature: 0 }, ctx);
    expect(result).toEqual({ text: 'Hi there, human.', model: 'llama3.2', usage: { inputTokens: 4, outputTokens: 3 }, finishReason: 'stop' });
    expect(ctx.tokens).toEqual(['Hi ', 'there, ', 'human.']);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/api/generate');
    expect(sent.body).toMatchObject({ model: 'llama3.2', prompt: 'Say hello', system: 'Be kind.', stream: true, options: { num_predict: 16, temperature: 0 } });
  });

  it('streams a conversation through /api/chat NDJSON', async () => {
    fake.reply = 'Paris, as I said.';
    const ctx = callContext();
    const messages = [
      { role: 'user' as const, content: 'Capital of France?' },
      { role: 'assistant' as const, content: 'Paris.' },
      { role: 'user' as const, content: 'Again?' },
    ];
    const result = await provider().generate({ messages }, ctx);
    expect(result.text).toBe('Paris, as I said.');
    expect(ctx.tokens).toHaveLength(4);
    expect(fake.requests.at(-1)!).toMatchObject({ path: '/api/chat', body: { model: 'llama3.2', messages, stream: true } });
  });

  it('passes a JSON schema as the structured output format', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    fake.reply = '{"ok": true}';
    const result = await provider().generate({ ...hello, jsonSchema: schema }, callContext({ stream: false }));
    expect(JSON.parse(result.text)).toEqual({ ok: true });
    expect(fake.requests.at(-1)!.body).toMatchObject({ format: schema });
  });

  it('embeds through /api/embed with the embedding model', async () => {
    const result = await provider().embed!({ texts: ['a b', 'c'] }, callContext());
    expect(result).toEqual({ model: 'nomic-embed-text', vectors: [[3, 2, 0.5], [1, 1, 0.5]], usage: { inputTokens: 3, outputTokens: 0 } });
  });

  it('lists installed models from /api/tags and reports healthy', async () => {
    expect(await provider().listModels(callContext())).toEqual(expect.arrayContaining([{ id: 'llama3.2:latest' }, { id: 'nomic-embed-text:latest' }]));
    expect(await provider().health(callContext())).toEqual({ ok: true, detail: `Ollama 0.12.0 at ${fake.url}` });
  });

  it('pulls a model on request, logging the streamed progress', async () => {
    const ctx = callContext();
    await provider().pullModel!('qwen2.5:0.5b', ctx);
    expect(fake.models).toContain('qwen2.5:0.5b');
    const statuses = ctx.lines.map((l) => l.fields.status).filter(Boolean);
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.at(-1)).toBe('success');
    expect(ctx.lines.map((l) => l.fields.percent).filter((p) => p !== undefined)).toEqual([0, 25, 50, 75, 100]);
  });

  it('reports a model the registry does not have as model_not_found', async () => {
    const error = await expectAiFailure(provider().pullModel!('no-such-model', callContext()), 'model_not_found');
    expect(error.message).toContain('"no-such-model"');
  });

  it('reads OLLAMA_HOST when host is not configured, accepting host:port as Ollama does', () => {
    expect(resolveOllamaSettings(ollamaConfigSchema.parse({}), {}).baseUrl).toBe('http://127.0.0.1:11434');
    expect(resolveOllamaSettings(ollamaConfigSchema.parse({}), { OLLAMA_HOST: '10.0.0.5' }).baseUrl).toBe('http://10.0.0.5:11434');
    expect(resolveOllamaSettings(ollamaConfigSchema.parse({}), { OLLAMA_HOST: 'http://gpu-box:8080/' }).baseUrl).toBe('http://gpu-box:8080');
  });

  it('counts a blank OLLAMA_HOST as unset and names the setting when it is not a host', () => {
    expect(resolveOllamaSettings(ollamaConfigSchema.parse({}), { OLLAMA_HOST: ' ' })).toMatchObject({ baseUrl: 'http://127.0.0.1:11434', hostChosen: false });
    expect(() => resolveOllamaSettings(ollamaConfigSchema.parse({}), { OLLAMA_HOST: 'http://[bad' })).toThrow(
      expect.objectContaining({ code: 'plugin_setting_invalid', message: expect.stringContaining('setting `host` (OLLAMA_HOST): not a host or URL') }),
    );
  });
});

describe('ollama provider failures', () => {
  it('maps a missing model to model_not_found with how to pull it', async () => {
    const error = await expectAiFailure(provider().generate({ ...hello, model: 'mistral' }, callContext()), 'model_not_found');
    expect(error.message).toContain('"mistral"');
    expect(error.message).toContain('ollama pull mistral');
  });

  it('maps 401 from a protected proxy to unauthorized', async () => {
    fake.next({ kind: 'error', status: 401, message: 'unauthorized' });
    await expectAiFailure(provider().generate(hello, callContext()), 'unauthorized');
  });

  it('maps 429 to rate_limited with Retry-After', async () => {
    fake.next({ kind: 'error', status: 429, headers: { 'retry-after': '3' }, message: 'too many requests' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'rate_limited');
    expect(error.status).toBe(429);
  });

  it('maps 500 to server_error', async () => {
    fake.next({ kind: 'error', status: 500, message: 'llama runner process has terminated' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'server_error');
    expect(error.message).toContain('llama runner process has terminated');
  });

  it('maps an unreachable host to connection naming the host and OLLAMA_HOST', async () => {
    const url = await closedPortUrl();
    const error = await expectAiFailure(provider({ host: url }).listModels(callContext()), 'connection');
    expect(error.message).toContain(url);
    expect(error.message).toContain('OLLAMA_HOST');
    const health = await provider({ host: url }).health(callContext());
    expect(health.ok).toBe(false);
    expect(health.configured).toBeUndefined();
  });

  it('reports itself not configured when no host was chosen and nothing answers at the default', async () => {
    const url = await closedPortUrl();
    const unchosen = createOllamaProvider({ ...resolveOllamaSettings(ollamaConfigSchema.parse({ host: url }), {}), hostChosen: false });
    expect(await unchosen.health(callContext())).toMatchObject({ ok: false, configured: false });
  });

  itKeepsTheCancellationContract({ fake: () => fake, provider, chunksForTwoTokens: 2 });

  it('maps its own timeout_ms to timeout', async () => {
    fake.next({ kind: 'hang' });
    const error = await expectAiFailure(provider({ timeout_ms: 200 }).embed!({ texts: ['x'] }, callContext()), 'timeout');
    expect(error.message).toContain('no answer in time');
  });
});
