import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itKeepsTheCancellationContract } from '../../../tests/support/fake-vendors/cancellation-contract.js';
import { callContext, closedPortUrl, expectAiFailure } from '../../../tests/support/fake-vendors/call-context.js';
import { GEMINI_FAKE_KEY, startFakeGoogle, type FakeGoogle } from '../../../tests/support/fake-vendors/google.js';
import { googleConfigSchema, resolveGoogleSettings } from './common/config.js';
import { createGoogleProvider } from './google-provider.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await startFakeGoogle()));
afterAll(() => fake.close());

function provider(config: Record<string, unknown> = {}, secrets: Record<string, string> = { GEMINI_API_KEY: GEMINI_FAKE_KEY }) {
  return createGoogleProvider(resolveGoogleSettings(googleConfigSchema.parse({ base_url: fake.url, ...config }), secrets));
}

const hello = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('google provider over the real SDK', () => {
  it('streams streamGenerateContent SSE, mapping the system instruction and roles, with usage', async () => {
    fake.reply = 'Hello, how are you?';
    const ctx = callContext();
    const messages = [
      { role: 'system' as const, content: 'Be polite.' },
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello.' },
      { role: 'user' as const, content: 'Again' },
    ];
    const result = await provider().generate({ messages, maxTokens: 30, temperature: 0.1 }, ctx);
    expect(result).toEqual({ text: 'Hello, how are you?', model: 'gemini-2.5-flash', usage: { inputTokens: 5, outputTokens: 4 }, finishReason: 'stop' });
    expect(ctx.tokens).toEqual(['Hello, ', 'how ', 'are ', 'you?']);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(sent.query.get('alt')).toBe('sse');
    expect(sent.body).toMatchObject({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello.' }] },
        { role: 'user', parts: [{ text: 'Again' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be polite.' }] },
      generationConfig: { maxOutputTokens: 30, temperature: 0.1 },
    });
  });

  it('calls generateContent once when no tokens are wanted, with a JSON schema', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    fake.reply = '{"city":"Lyon"}';
    const result = await provider().generate({ ...hello, jsonSchema: schema }, callContext({ stream: false }));
    expect(JSON.parse(result.text)).toEqual({ city: 'Lyon' });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.body).toMatchObject({ generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } });
  });

  it('embeds texts with the embedding model', async () => {
    const result = await provider().embed!({ texts: ['a b c', 'd'] }, callContext());
    expect(result).toEqual({ model: 'gemini-embedding-001', vectors: [[5, 3, 0.25], [1, 1, 0.25]], usage: { inputTokens: 0, outputTokens: 0 } });
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  it('lists models with their context window and reports healthy', async () => {
    expect(await provider().listModels(callContext())).toEqual([
      { id: 'gemini-2.5-flash', contextLength: 1_048_576 },
      { id: 'gemini-embedding-001', contextLength: 2048 },
    ]);
    expect(await provider().health(callContext())).toEqual({ ok: true, detail: `2 models at ${fake.url}` });
  });

  it('takes GOOGLE_API_KEY over GEMINI_API_KEY, as the SDK does, and GOOGLE_GEMINI_BASE_URL', () => {
    const settings = resolveGoogleSettings(googleConfigSchema.parse({}), { GEMINI_API_KEY: 'g', GOOGLE_API_KEY: 'o', GOOGLE_GEMINI_BASE_URL: 'http://proxy:9/' });
    expect(settings).toMatchObject({ apiKey: 'o', baseUrl: 'http://proxy:9' });
  });

  it('refuses to call without a key, naming GEMINI_API_KEY', async () => {
    const error = await expectAiFailure(provider({}, {}).generate(hello, callContext()), 'not_configured');
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(await provider({}, {}).health(callContext())).toMatchObject({ ok: false, configured: false });
  });
});

describe('google provider failures', () => {
  it("maps Gemini's API_KEY_INVALID answer to unauthorized naming the key setting", async () => {
    const error = await expectAiFailure(provider({}, { GEMINI_API_KEY: 'wrong' }).generate(hello, callContext()), 'unauthorized');
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(error.message).toContain('API key not valid');
  });

  it('maps 401 to unauthorized', async () => {
    fake.next({ kind: 'error', status: 401, message: 'Request had invalid authentication credentials.' });
    await expectAiFailure(provider().generate(hello, callContext()), 'unauthorized');
  });

  it('maps an unknown model to model_not_found naming it', async () => {
    const error = await expectAiFailure(provider().generate({ ...hello, model: 'gemini-0' }, callContext()), 'model_not_found');
    expect(error.message).toContain('"gemini-0"');
  });

  it('maps 429 to rate_limited with the RetryInfo delay, without retrying inside the SDK', async () => {
    const before = fake.requests.length;
    fake.next({ kind: 'error', status: 429, headers: { 'retry-after': '9' }, message: 'Resource has been exhausted (e.g. check quota).' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'rate_limited');
    expect(error.retryAfterMs).toBe(9000);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('maps 500 to server_error', async () => {
    fake.next({ kind: 'error', status: 500, message: 'An internal error has occurred.' });
    await expectAiFailure(provider().generate(hello, callContext()), 'server_error');
  });

  it('maps a refused connection to connection naming the host', async () => {
    const url = await closedPortUrl();
    const error = await expectAiFailure(provider({ base_url: url }).generate(hello, callContext()), 'connection');
    expect(error.message).toContain(url);
  });

  itKeepsTheCancellationContract({ fake: () => fake, provider, chunksForTwoTokens: 2 });

  it('maps its own timeout_ms to timeout', async () => {
    fake.next({ kind: 'hang' });
    await expectAiFailure(provider({ timeout_ms: 200 }).generate(hello, callContext()), 'timeout');
  });
});
