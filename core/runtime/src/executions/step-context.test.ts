import type { StepAi } from '@dwc/sdk';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { stepContext } from './step-context.js';

const input = (extra: Partial<Parameters<typeof stepContext>[0]> = {}) => ({
  executionId: 'e1', workflowId: 'w1', stepId: 's1', itemIndex: -1, attempt: 2, signal: new AbortController().signal,
  logger: pino({ level: 'silent' }), documents: [], ...extra,
});

describe('step context', () => {
  it('makes the child logger on first use only, once, with the step ids', () => {
    const logger = pino({ level: 'silent' });
    const child = vi.spyOn(logger, 'child');
    const { ctx, logger: engineLogger } = stepContext(input({ logger, itemIndex: 3 }));
    expect(child).not.toHaveBeenCalled();
    expect(ctx.log).toBe(engineLogger());
    expect(ctx.log).toBe(ctx.log);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ execution_id: 'e1', step_id: 's1', attempt: 2, item_index: 3 });
  });

  it('builds ctx.ai on first use, for this step, and has none without a factory', () => {
    const ai = {} as StepAi;
    const factory = vi.fn(() => ai);
    const { ctx } = stepContext(input({ stepAi: factory, aiChain: ['p'] }));
    expect(factory).not.toHaveBeenCalled();
    expect(ctx.ai).toBe(ai);
    expect(ctx.ai).toBe(ai);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(expect.objectContaining({ executionId: 'e1', workflowId: 'w1', stepId: 's1', workflowChain: ['p'] }));
    expect('ai' in stepContext(input()).ctx).toBe(false);
  });

  it('collects emitted documents', () => {
    const documents: never[] = [];
    stepContext(input({ documents })).ctx.emitDocument({ title: 't', content: 'c', format: 'text' } as never);
    expect(documents).toHaveLength(1);
  });

  it('gives the action the runtime\'s expression evaluator, abandoned with the step\'s signal', async () => {
    const controller = new AbortController();
    const { ctx } = stepContext(input({ signal: controller.signal }));
    expect(ctx.expressions).toBe(ctx.expressions);
    await expect(ctx.expressions!.evaluate('$sum(n) * $k', { n: [1, 2] }, { k: 2 })).resolves.toBe(6);
    await expect(ctx.expressions!.evaluate('missing', {})).resolves.toBeUndefined();
    // A regular expression always runs in the expression process, which the abort ends.
    const running = ctx.expressions!.evaluate('($loop := function(){ $contains("a", /a/) ? $loop() : 0 }; $loop())', {});
    setTimeout(() => controller.abort(new Error('step cancelled')), 50);
    await expect(running).rejects.toThrow('step cancelled');
  });
});
