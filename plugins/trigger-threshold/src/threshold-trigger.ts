import { defineTrigger, pollEvery, z, type TriggerStartContext } from '@dwc/sdk';
import { initialThresholdState, nextThresholdState, type ThresholdState } from './threshold-state.js';
import { thresholdEs } from './i18n-es.js';

export const thresholdSettingsSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).meta({ description: 'An HTTP(S) URL answering JSON holding the number' }),
    headers: z.record(z.string(), z.string()).default({}),
    value_path: z.string().max(200).default('value').meta({ description: 'Dotted path to the number in the answer' }),
    above: z.number().optional(),
    below: z.number().optional(),
    hysteresis: z.number().min(0).default(0).meta({ description: 'How far back inside the bound the value must come before it can fire again' }),
    for_ms: z.int().min(0).max(86_400_000).default(0).meta({ description: 'How long the value must stay past the bound' }),
    cooldown_ms: z.int().min(0).max(604_800_000).default(0).meta({ description: 'The least time between two fires' }),
    interval_ms: z.int().min(1_000).max(86_400_000).default(60_000),
  })
  .refine((s) => s.above !== undefined || s.below !== undefined, { message: 'set `above`, `below` or both', path: ['above'] });

export type ThresholdSettings = z.output<typeof thresholdSettingsSchema>;

export const STATE_KEY = 'threshold';

export type ReadNumber = (settings: ThresholdSettings, signal: AbortSignal) => Promise<number>;

const readNumber: ReadNumber = async (settings, signal) => {
  const response = await fetch(settings.url, { headers: { accept: 'application/json', ...settings.headers }, signal });
  if (!response.ok) throw new Error(`${settings.url} answered ${response.status}`);
  let value: unknown = await response.json();
  for (const key of settings.value_path.split('.').filter(Boolean)) value = (value as Record<string, unknown> | null)?.[key];
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`no number at "${settings.value_path}" in the answer of ${settings.url}`);
  return number;
};

/** Reads the number once, moves the stored state on, and fires when it says so. Returns whether it fired. */
export async function checkOnce(settings: ThresholdSettings, ctx: Pick<TriggerStartContext, 'emit' | 'state' | 'signal' | 'now'>, read: ReadNumber = readNumber): Promise<boolean> {
  const value = await read(settings, ctx.signal);
  const before = (await ctx.state.get<ThresholdState>(STATE_KEY)) ?? initialThresholdState;
  const now = ctx.now();
  const { state, fire } = nextThresholdState(before, value, now, settings);
  // Stored before firing: a crash after it misses one run rather than firing twice.
  await ctx.state.set(STATE_KEY, state);
  if (fire) await ctx.emit({ value, above: settings.above ?? null, below: settings.below ?? null, since: new Date(state.since ?? now).toISOString() });
  return fire;
}

export const thresholdTrigger = defineTrigger({
  type: 'threshold',
  title: 'Threshold',
  description: 'Polls a number (JSON over HTTP) and runs when it goes above or below a bound and stays there for `for_ms`, at most once per `cooldown_ms`, and again only after it came back by the hysteresis. The input is {value, above, below, since}.',
  i18n: thresholdEs,
  settings: thresholdSettingsSchema,
  runsOn: 'one',
  async start(settings, ctx) {
    return pollEvery(ctx, settings.interval_ms, () => checkOnce(settings, ctx), 'threshold poll');
  },
});
