import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itKeepsTheCancellationContract } from '../../../tests/support/fake-vendors/cancellation-contract.js';
import { callContext, closedPortUrl, expectAiFailure } from '../../../tests/support/fake-vendors/call-context.js';
import { OPENAI_FAKE_KEY, startFakeOpenAi, type FakeOpenAi } from '../../../tests/support/fake-vendors/openai.js';
import { openAiConfigSchema, resolveOpenAiSettings } from './common/config.js';
import { createOpenAiProvider } from './openai-provider.js';

let fake: FakeOpenAi;
beforeAll(async () => void (fake = await startFakeOpenAi()));
afterAll(() => fake.close());

function provider(config: Record<string, unknown> = {}, secrets: Record<string, string> = { OPENAI_API_KEY: OPENAI_FAKE_KEY }) {
  return createOpenAiProvider(resolveOpenAiSettings(openAiConfigSchema.parse({ base_url: `${fake.url}/v1`, ...config }), secrets));
}

const hello = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('openai provider over the real SDK', () => {
  it('streams tokens over SSE and takes usage from the final chunk', async () => {
    fake.reply = 'Hello there, friend.';
    const ctx = callContext();
    const result = await provider().generate({ ...hello, messages: [{ role: 'system', content: 'Be brief.' }, ...hello.messages], maxTokens: 20, temperature: 0.2 }, ctx);
    expect(result).toEqual({ text: 'Hello there, friend.', model: 'gpt-4o-mini', usage: { inputTokens: 4, outputTokens: 3 }, finishReason: 'stop' });
    expect(ctx.tokens).toEqual(['Hello ', 'there, ', 'friend.']);
    const sent = fake.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${OPENAI_FAKE_KEY}`);
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 20,
      temperature: 0.2,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }],
    });
  });

  it('asks for JSON-schema structured output', async () => {
    const schema = { type: 'object', properties: { mood: { type: 'string' } }, required: ['mood'] };
    fake.reply = '{"mood":"calm"}';
    const result = await provider().generate({ ...hello, jsonSchema: schema }, callContext({ stream: false }));
    expect(JSON.parse(result.text)).toEqual({ mood: 'calm' });
    expect(fake.requests.at(-1)!.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'result', schema } } });
  });

  it('embeds texts in order with the embedding model', async () => {
    const result = await provider().embed!({ texts: ['one two', 'three'] }, callContext());
    expect(result).toEqual({ model: 'text-embedding-3-small', vectors: [[7, 2, 1], [5, 1, 1]], usage: { inputTokens: 3, outputTokens: 0 } });
  });

  it('lists models and reports healthy', async () => {
    expect(await provider().listModels(callContext())).toEqual([{ id: 'gpt-4o-mini' }, { id: 'text-embedding-3-small' }]);
    expect(await provider().health(callContext())).toEqual({ ok: true, detail: `2 models at ${fake.url}/v1` });
  });

  it('reads OPENAI_BASE_URL when base_url is not configured, and needs no key for a compatible server', () => {
    const settings = resolveOpenAiSettings(openAiConfigSchema.parse({}), { OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1/' });
    expect(settings).toMatchObject({ baseUrl: 'http://127.0.0.1:1234/v1', apiKey: undefined, keyRequired: false });
    expect(resolveOpenAiSettings(openAiConfigSchema.parse({}), {})).toMatchObject({ baseUrl: 'https://api.openai.com/v1', keyRequired: true });
  });

  it('counts an empty or blank OPENAI_BASE_URL and OPENAI_API_KEY as unset (as docker-compose passes an unset variable)', () => {
    expect(resolveOpenAiSettings(openAiConfigSchema.parse({}), { OPENAI_BASE_URL: '', OPENAI_API_KEY: ' ' })).toMatchObject({ baseUrl: 'https://api.openai.com/v1', apiKey: undefined, keyRequired: true });
  });

  it('names the setting and the variable when OPENAI_BASE_URL is not a URL', () => {
    expect(() => resolveOpenAiSettings(openAiConfigSchema.parse({}), { OPENAI_BASE_URL: 'localhost:1234' })).toThrow(
      expect.objectContaining({ code: 'plugin_setting_invalid', message: expect.stringMatching(/^setting `base_url` \(OPENAI_BASE_URL\): must be an http\(s\) URL/) }),
    );
  });

  it('refuses to call OpenAI without a key, naming OPENAI_API_KEY', async () => {
    const openai = createOpenAiProvider(resolveOpenAiSettings(openAiConfigSchema.parse({}), {}));
    const error = await expectAiFailure(openai.generate(hello, callContext()), 'not_configured');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(await openai.health(callContext())).toMatchObject({ ok: false, configured: false });
  });
});

describe('openai provider failures', () => {
  it('maps 401 to unauthorized naming OPENAI_API_KEY', async () => {
    const error = await expectAiFailure(provider({}, { OPENAI_API_KEY: 'wrong' }).generate(hello, callContext()), 'unauthorized');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
  });

  it('maps an unknown model to model_not_found naming it', async () => {
    const error = await expectAiFailure(provider().generate({ ...hello, model: 'gpt-nope' }, callContext()), 'model_not_found');
    expect(error.message).toContain('"gpt-nope"');
  });

  it('maps 429 to rate_limited with Retry-After, without retrying inside the SDK', async () => {
    const before = fake.requests.length;
    fake.next({ kind: 'error', status: 429, headers: { 'retry-after': '7' } });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'rate_limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(error.retryable).toBe(true);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('maps 500 to server_error', async () => {
    fake.next({ kind: 'error', status: 500, message: 'The server had an error' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'server_error');
    expect(error.message).toContain('The server had an error');
  });

  it('maps a refused connection to connection naming the host', async () => {
    const url = await closedPortUrl();
    const error = await expectAiFailure(provider({ base_url: `${url}/v1` }).generate(hello, callContext()), 'connection');
    expect(error.message).toContain(url);
  });

  itKeepsTheCancellationContract({ fake: () => fake, provider, chunksForTwoTokens: 3 });

  it('maps its own timeout_ms to timeout', async () => {
    fake.next({ kind: 'hang' });
    await expectAiFailure(provider({ timeout_ms: 200 }).generate(hello, callContext()), 'timeout');
  });
});
