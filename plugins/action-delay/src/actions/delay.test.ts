import type { StepContext } from '@dwc/sdk';
import { DwcError, InputError, readableIssues } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { delayAction } from './delay.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const context = (signal: AbortSignal = new AbortController().signal): StepContext => ({
  executionId: 'exec-1',
  workflowId: 'wf-1',
  stepId: 'wait',
  attempt: 1,
  signal,
  log,
  emitDocument: noop,
});
const wait = (input: Record<string, unknown>, signal?: AbortSignal) => delayAction.run(delayAction.input.parse(input), context(signal));

describe('delay', () => {
  it('waits for duration_ms and reports the time waited and when it resumed', async () => {
    const before = Date.now();
    const result = await wait({ duration_ms: 50 });
    expect(result.waited_ms).toBeGreaterThanOrEqual(49);
    expect(result.waited_ms).toBeLessThan(500);
    expect(Date.parse(result.resumed_at)).toBeGreaterThanOrEqual(before + 49);
    expect(delayAction.output.parse(result)).toEqual(result);
  });

  it('returns at once for a zero duration', async () => {
    await expect(wait({ duration_ms: 0 })).resolves.toMatchObject({ waited_ms: expect.any(Number) });
    expect((await wait({ duration_ms: 0 })).waited_ms).toBeLessThan(20);
  });

  it('waits until a time in the near future', async () => {
    const until = new Date(Date.now() + 60).toISOString();
    const result = await wait({ until });
    expect(Date.parse(result.resumed_at)).toBeGreaterThanOrEqual(Date.parse(until));
  });

  it('returns immediately for an until in the past', async () => {
    expect((await wait({ until: '2020-01-01T00:00:00Z' })).waited_ms).toBeLessThan(20);
  });

  it('accepts an until with an offset other than Z', async () => {
    const soon = new Date(Date.now() + 20);
    const shifted = new Date(soon.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect((await wait({ until: shifted })).waited_ms).toBeLessThan(500);
  });

  it('refuses an until more than an hour ahead', async () => {
    const failure = wait({ until: new Date(Date.now() + 3_600_000 + 60_000).toISOString() });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ code: 'delay_too_long', details: { field: 'until' } });
  });

  it('rejects with the abort reason within a few ms of the abort', async () => {
    const controller = new AbortController();
    const reason = new Error('execution cancelled');
    const pending = wait({ duration_ms: 10_000 }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const abortedAt = performance.now();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(15);
  });

  it('rejects with a named error when aborted without an Error reason', async () => {
    const controller = new AbortController();
    controller.abort('shutdown');
    const failure = wait({ duration_ms: 10_000 }, controller.signal);
    await expect(failure).rejects.toBeInstanceOf(DwcError);
    await expect(failure).rejects.toMatchObject({ code: 'aborted', message: 'The step was aborted: shutdown.' });
  });

  it('validates its input: a bounded integer duration or an ISO date-time with offset, not both', () => {
    const valid = (input: unknown) => delayAction.input.safeParse(input).success;
    expect(valid({ duration_ms: 3_600_000 })).toBe(true);
    expect(valid({ duration_ms: 3_600_001 })).toBe(false);
    expect(valid({ duration_ms: -1 })).toBe(false);
    expect(valid({ duration_ms: 1.5 })).toBe(false);
    expect(valid({ until: 'tomorrow' })).toBe(false);
    expect(valid({ until: '2025-01-01T00:00:00' })).toBe(false);
    expect(valid({ duration_ms: 1, until: '2025-01-01T00:00:00Z' })).toBe(false);
    expect(valid({})).toBe(false);
  });

  it('explains a wrong input by its two alternatives', () => {
    const input = { ms: 4000 };
    const parsed = delayAction.input.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(readableIssues(parsed.error?.issues ?? [], { schema: delayAction.input, input })).toEqual([
      { path: ['ms'], message: 'unknown field `ms`; expected `duration_ms` (milliseconds) or `until` (date-time)' },
    ]);
  });
});
