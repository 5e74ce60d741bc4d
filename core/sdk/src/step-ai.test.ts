import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from './action.js';
import type { AiGenerateResult, StepAi } from './step-ai.js';

describe('StepContext.ai', () => {
  it('is optional, so an action must handle a host without an AI service', () => {
    defineAction({
      type: 'x.ai',
      title: 'x',
      description: 'x',
      input: z.object({}),
      output: z.object({ text: z.string() }),
      async run(_input, ctx) {
        // @ts-expect-error: ctx.ai may be undefined
        await ctx.ai.generate({ messages: [] });
        expectTypeOf(ctx.ai).toEqualTypeOf<StepAi | undefined>();
        const result = await ctx.ai!.generate({ messages: [{ role: 'user', content: 'hi' }], provider: 'openai', fallback: ['local'], temperature: 0 });
        expectTypeOf(result).toEqualTypeOf<AiGenerateResult>();
        expectTypeOf(result.usage.costUsd).toEqualTypeOf<number | null>();
        expectTypeOf(result.attempts[0]!.reason).toEqualTypeOf<'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'unauthorized' | 'bad_request' | 'model_not_found' | 'not_configured'>();
        return { text: result.text };
      },
    });
  });

  it('takes routing options on every call and refuses unknown roles', () => {
    const ai = {} as StepAi;
    expectTypeOf(ai.analyze).parameter(0).toHaveProperty('labels');
    expectTypeOf(ai.indexDocuments).parameter(0).toHaveProperty('fromSteps');
    // Never called: only the types are checked.
    const wrongRole = () => ai.generate({
      // @ts-expect-error: no such chat role
      messages: [{ role: 'tool', content: 'x' }],
    });
    expectTypeOf(wrongRole).returns.resolves.toEqualTypeOf<AiGenerateResult>();
  });
});
