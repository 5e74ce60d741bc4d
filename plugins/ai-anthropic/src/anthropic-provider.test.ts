import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_FAKE_KEY, startFakeAnthropic, type FakeAnthropic } from '../../../tests/support/fake-vendors/anthropic.js';
import { itKeepsTheCancellationContract } from '../../../tests/support/fake-vendors/cancellation-contract.js';
import { callContext, closedPortUrl, expectAiFailure } from '../../../tests/support/fake-vendors/call-context.js';
import { anthropicConfigSchema, resolveAnthropicSettings } from './common/config.js';
import { createAnthropicProvider } from './anthropic-provider.js';

let fake: FakeAnthropic;
beforeAll(async () => void (fake = await startFakeAnthropic()));
afterAll(() => fake.close());

function provider(config: Record<string, unknown> = {}, secrets: Record<string, string> = { ANTHROPIC_API_KEY: ANTHROPIC_FAKE_KEY }) {
  return createAnthropicProvider(resolveAnthropicSettings(anthropicConfigSchema.parse({ base_url: fake.url, ...config }), secrets));
}

const hello = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('anthropic provider over the real SDK', () => {
  it('streams message SSE events, mapping the system prompt and reading usage', async () => {
    fake.reply = 'Hello, nice to meet you.';
    const ctx = callContext();
    const result = await provider().generate({ messages: [{ role: 'system', content: 'Be warm.' }, ...hello.messages], temperature: 0.5 }, ctx);
    expect(result).toEqual({ text: 'Hello, nice to meet you.', model: 'claude-sonnet-5-5', usage: { inputTokens: 4, outputTokens: 5 }, finishReason: 'stop' });
    expect(ctx.tokens).toEqual(['Hello, ', 'nice ', 'to ', 'meet ', 'you.']);
    const sent = fake.requests.at(-1)!;
    expect(sent.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent.headers.authorization).toBe(`Bearer ${ANTHROPIC_FAKE_KEY}`);
    expect(sent.body).toEqual({ model: 'claude-sonnet-5-5', max_tokens: 4096, stream: true, system: 'Be warm.', temperature: 0.5, messages: hello.messages });
  });

  it('asks for JSON-schema structured output through output_config', async () => {
    const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'], additionalProperties: false };
    fake.reply = '{"label":"spam"}';
    const result = await provider().generate({ ...hello, jsonSchema: schema, maxTokens: 50 }, callContext({ stream: false }));
    expect(JSON.parse(result.text)).toEqual({ label: 'spam' });
    expect(fake.requests.at(-1)!.body).toMatchObject({ max_tokens: 50, output_config: { format: { type: 'json_schema', schema } } });
  });

  it('lists models with their context window and reports healthy', async () => {
    expect(await provider().listModels(callContext())).toEqual([
      { id: 'claude-sonnet-5-5', contextLength: 200_000 },
      { id: 'claude-haiku-5-5', contextLength: 200_000 },
    ]);
    expect(await provider().health(callContext())).toEqual({ ok: true, detail: `2 models at ${fake.url}` });
  });

  it('reads ANTHROPIC_BASE_URL when base_url is not configured', () => {
    const settings = resolveAnthropicSettings(anthropicConfigSchema.parse({}), { ANTHROPIC_BASE_URL: 'http://gateway:8080/' });
    expect(settings).toMatchObject({ baseUrl: 'http://gateway:8080', apiKey: undefined });
  });

  it('refuses to call without a key, naming ANTHROPIC_API_KEY', async () => {
    const before = fake.requests.length;
    const error = await expectAiFailure(provider({}, {}).generate(hello, callContext()), 'not_configured');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(fake.requests.length).toBe(before);
    expect(await provider({}, {}).health(callContext())).toMatchObject({ ok: false, configured: false });
  });
});

describe('anthropic provider failures', () => {
  it('maps 401 to unauthorized naming ANTHROPIC_API_KEY', async () => {
    const error = await expectAiFailure(provider({}, { ANTHROPIC_API_KEY: 'wrong' }).generate(hello, callContext()), 'unauthorized');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(error.message).toContain('invalid x-api-key');
  });

  it('maps an unknown model to model_not_found naming it', async () => {
    const error = await expectAiFailure(provider().generate({ ...hello, model: 'claude-0' }, callContext()), 'model_not_found');
    expect(error.message).toContain('"claude-0"');
  });

  it('maps 429 to rate_limited with Retry-After, without retrying inside the SDK', async () => {
    const before = fake.requests.length;
    fake.next({ kind: 'error', status: 429, headers: { 'retry-after': '12' }, message: 'Number of request tokens has exceeded your rate limit' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'rate_limited');
    expect(error.retryAfterMs).toBe(12_000);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('maps 500 and 529 overloaded to server_error', async () => {
    fake.next({ kind: 'error', status: 500, message: 'Internal server error' });
    await expectAiFailure(provider().generate(hello, callContext()), 'server_error');
    fake.next({ kind: 'error', status: 529, message: 'Overloaded' });
    const error = await expectAiFailure(provider().generate(hello, callContext()), 'server_error');
    expect(error.message).toContain('Overloaded');
  });

  it('maps a refused connection to connection naming the host', async () => {
    const url = await closedPortUrl();
    const error = await expectAiFailure(provider({ base_url: url }).generate(hello, callContext()), 'connection');
    expect(error.message).toContain(url);
  });

  itKeepsTheCancellationContract({ fake: () => fake, provider, chunksForTwoTokens: 5 });

  it('maps its own timeout_ms to timeout', async () => {
    fake.next({ kind: 'hang' });
    await expectAiFailure(provider({ timeout_ms: 200 }).generate(hello, callContext()), 'timeout');
  });
});
