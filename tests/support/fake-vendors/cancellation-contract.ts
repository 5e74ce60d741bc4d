// What every networked AI provider must do when a call is cut short or its stream breaks, run
// against its fake vendor server: fail with the right reason (never return a partial answer as a
// success) and never hang.
import type { AiProviderDefinition } from '@dwc/sdk';
import { expect, it } from 'vitest';
import { callContext, expectAiFailure } from './call-context.js';
import type { FakeServer } from './fake-http.js';

export function itKeepsTheCancellationContract(options: {
  /** The vendor's fake server; its `reply` is what the model streams back. */
  fake: () => FakeServer & { reply: unknown };
  provider: (config?: Record<string, unknown>) => AiProviderDefinition;
  /** Frames the fake sends before it stalls or resets, so that exactly the first two tokens have arrived. */
  chunksForTwoTokens: number;
}): void {
  const hello = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

  it('stops when ctx.signal aborts a call the server never answers', async () => {
    options.fake().next({ kind: 'hang' });
    const controller = new AbortController();
    const call = options.provider().generate(hello, callContext({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expectAiFailure(call, 'timeout');
  });

  it('maps a connection reset mid-stream to connection, after the first tokens arrived', async () => {
    options.fake().reply = 'one two three four';
    options.fake().next({ kind: 'reset', afterChunks: options.chunksForTwoTokens });
    const ctx = callContext();
    await expectAiFailure(options.provider().generate(hello, ctx), 'connection');
    expect(ctx.tokens).toEqual(['one ', 'two ']);
  });

  it('ends a stream that stalls after the first tokens with timeout at timeout_ms', async () => {
    options.fake().reply = 'one two three four';
    options.fake().next({ kind: 'stall', afterChunks: options.chunksForTwoTokens });
    const ctx = callContext();
    await expectAiFailure(options.provider({ timeout_ms: 300 }).generate(hello, ctx), 'timeout');
    expect(ctx.tokens).toEqual(['one ', 'two ']);
  });

  it('fails a call cancelled mid-stream instead of returning the partial answer', async () => {
    options.fake().reply = 'one two three four five six';
    const controller = new AbortController();
    const ctx = callContext({ signal: controller.signal });
    ctx.onToken = (text) => {
      ctx.tokens.push(text);
      if (ctx.tokens.length === 2) controller.abort();
    };
    await expectAiFailure(options.provider().generate(hello, ctx), 'timeout');
  });
}
