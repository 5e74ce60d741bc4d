import { z } from 'zod';
import { Cron } from 'croner';

/** An IANA time zone name the platform's `Intl` knows (e.g. `Europe/Madrid`). */
export const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as "UTC", "Europe/Madrid" or "America/New_York"' })
  .default('UTC')
  .describe('IANA time zone the times are read in');

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time of day as HH:MM or HH:MM:SS (24-hour)')
  .describe('Time of day, HH:MM or HH:MM:SS, in `timezone`');

export const cronExpressionSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((expression) => cronProblem(expression) === undefined, { error: (issue) => cronProblem(String(issue.input)) })
  .describe('Cron expression: 5 fields, or 6 with seconds first');

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The timing of each kind of schedule, keyed by `kind`. */
export const timingSchemas = {
  cron: z.object({ cron_expression: cronExpressionSchema }),
  interval: z.object({
    interval_seconds: z.number().int().min(1).max(366 * 86_400).describe('Seconds between runs'),
    start_at: z.iso.datetime({ offset: true }).optional().describe('First run (default: one interval after creation); later runs follow every `interval_seconds`'),
  }),
  daily: z.object({ time: timeOfDay }),
  weekly: z.object({ time: timeOfDay, days_of_week: z.array(z.enum(weekdays)).min(1).max(7).describe('Days it runs on') }),
  monthly: z.object({
    time: timeOfDay,
    day_of_month: z.union([z.number().int().min(1).max(31), z.literal('last')]).describe('Day of the month, or "last"; a month without that day (e.g. 31) is skipped'),
  }),
} as const;
export type ScheduleKind = keyof typeof timingSchemas;
export const scheduleKinds = Object.keys(timingSchemas) as ScheduleKind[];
export type ScheduleTiming = { [K in ScheduleKind]: { kind: K } & z.output<(typeof timingSchemas)[K]> }[ScheduleKind];

/** What happens after downtime, when an occurrence, if started, would be late; and while a previous run goes on. */
export const policySchema = z.object({
  missed_runs: z.enum(['skip', 'once', 'all']).default('once').describe('Occurrences missed while no server ran: `skip` them, run the latest `once`, or run `all` (up to `missed_runs_cap`, the latest)'),
  missed_runs_cap: z.number().int().min(1).max(1_000).default(10).describe('Most missed occurrences `all` runs'),
  overlap: z.enum(['allow', 'skip', 'queue']).default('allow').describe('When the previous run is still going: start anyway (`allow`), `skip` this occurrence, or `queue` it until the previous ends'),
  jitter_seconds: z.number().int().min(0).max(3_600).default(0).describe('Start each occurrence up to this many seconds late (a fixed random offset per occurrence) to spread load'),
});
export type SchedulePolicy = z.output<typeof policySchema>;

/** The settings of a workflow's `schedule` trigger: `trigger: {"type": "schedule", "kind": ..., ...}`. */
export const scheduleTriggerSettingsSchema = z.discriminatedUnion('kind', [
  timingSchemas.cron.extend({ kind: z.literal('cron') }),
  timingSchemas.interval.extend({ kind: z.literal('interval') }),
  timingSchemas.daily.extend({ kind: z.literal('daily') }),
  timingSchemas.weekly.extend({ kind: z.literal('weekly') }),
  timingSchemas.monthly.extend({ kind: z.literal('monthly') }),
]).and(policySchema.extend({ timezone: timezoneSchema, payload: z.record(z.string(), z.unknown()).optional().describe('The execution input') }));
export type ScheduleTriggerSettings = z.output<typeof scheduleTriggerSettingsSchema>;

/** What is wrong with a cron expression, or undefined when croner accepts it with 5 or 6 fields. */
function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return `must have 5 fields (minute hour day month weekday) or 6 (with seconds first); got ${fields}`;
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (error) {
    return `is not a valid cron expression: ${(error as Error).message}`;
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
