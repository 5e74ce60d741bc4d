import type { TriggerState } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { checkOnce, thresholdSettingsSchema } from './threshold-trigger.js';

function memoryState(): TriggerState & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: async <V>(key: string) => structuredClone(data.get(key)) as V | undefined, set: async (key, value) => void data.set(key, structuredClone(value)) };
}

describe('threshold trigger polling', () => {
  it('keeps its state in the trigger state, so a restart with the same state does not fire again', async () => {
    const settings = thresholdSettingsSchema.parse({ url: 'http://127.0.0.1:1/n', above: 10, cooldown_ms: 60_000 });
    const state = memoryState();
    const emitted: unknown[] = [];
    let clock = 1_000;
    const ctx = { state, signal: new AbortController().signal, now: () => clock, emit: async (data: Record<string, unknown>) => (emitted.push(data), { executionId: 'x' }) };
    const values = [5, 20, 25];
    for (const value of values) {
      await checkOnce(settings, ctx, async () => value);
      clock += 1_000;
    }
    expect(emitted).toEqual([{ value: 20, above: 10, below: null, since: new Date(2_000).toISOString() }]);
    // "Restart": a fresh poller on the stored state sees the value still high and stays quiet.
    expect(await checkOnce(settings, { ...ctx, emit: async () => { throw new Error('fired again'); } }, async () => 30)).toBe(false);
  });

  it('refuses settings without a bound', () => {
    expect(thresholdSettingsSchema.safeParse({ url: 'http://127.0.0.1/x' }).success).toBe(false);
  });
});
