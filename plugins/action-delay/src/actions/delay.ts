import { setTimeout as sleep } from 'node:timers/promises';
import { defineAction, InputError, z } from '@dwc/sdk';
import { abortError } from '../common/abort.js';
import { delayEs } from '../i18n-es.js';

export const MAX_DELAY_MS = 3_600_000;

const durationInput = z
  .object({
    duration_ms: z
      .number()
      .int()
      .min(0)
      .max(MAX_DELAY_MS)
      .meta({ title: 'Milliseconds', description: 'How long to wait, in milliseconds (at most one hour).' }),
  })
  .strict()
  .describe('Wait for a duration.');

const untilInput = z
  .object({
    until: z.iso
      .datetime({ offset: true })
      .describe('ISO-8601 date-time with an offset (e.g. 2025-01-31T09:00:00Z) to wait until; at most one hour ahead. A past time does not wait.'),
  })
  .strict()
  .describe('Wait until a date-time.');

/** A failed parse reads "expected `duration_ms` (milliseconds) or `until` (date-time)": the field title, else its format. */
export const delayInputSchema = z.union([durationInput, untilInput]);

export const delayOutputSchema = z.object({
  waited_ms: z.number().int().describe('How long the step actually waited, in milliseconds.'),
  resumed_at: z.iso.datetime().describe('When the wait ended (ISO-8601, UTC).'),
});

/**
 * Pauses the workflow for a while or until a time. The wait holds a worker slot, so it is capped at
 * one hour; `until` is absolute, so a retried attempt waits only for what is left.
 */
export const delayAction = defineAction({
  type: 'delay',
  title: 'Delay',
  description: 'Waits for duration_ms milliseconds, or until a date-time at most one hour ahead.',
  i18n: delayEs,
  input: delayInputSchema,
  output: delayOutputSchema,
  async run(input, ctx) {
    const started = performance.now();
    const waitMs = 'duration_ms' in input ? input.duration_ms : msUntil(input.until);
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    ctx.log.debug({ wait_ms: waitMs }, 'delaying');
    if (waitMs > 0) {
      try {
        await sleep(waitMs, undefined, { signal: ctx.signal });
      } catch (error) {
        if (ctx.signal.aborted) throw abortError(ctx.signal);
        throw error;
      }
    }
    return { waited_ms: Math.round(performance.now() - started), resumed_at: new Date().toISOString() };
  },
});

function msUntil(until: string): number {
  const wait = Date.parse(until) - Date.now();
  if (wait > MAX_DELAY_MS) {
    throw new InputError(`"until" (${until}) is more than one hour ahead; a delay step waits at most ${MAX_DELAY_MS} ms. Use a wait.until step (durable, no upper bound) for longer waits.`, {
      code: 'delay_too_long',
      details: { field: 'until', max_ms: MAX_DELAY_MS },
    });
  }
  return Math.max(0, wait);
}
