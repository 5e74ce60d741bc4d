import { Cron } from 'croner';
import { weekdays, type ScheduleTiming } from './schedule-spec.js';

/**
 * The croner pattern of a calendar schedule (6 fields, seconds first). Daily, weekly and monthly
 * schedules are cron patterns underneath, so every kind follows the same time-zone rules:
 * croner reads the pattern as wall-clock time in the zone. On a spring-forward day a time that does
 * not exist (02:30 in Madrid or New York) runs once, at the first instant after the gap (03:00 local);
 * on a fall-back day a time that happens twice (01:30 in New York) runs once, at its first instance.
 */
export function cronPattern(timing: Exclude<ScheduleTiming, { kind: 'interval' }>): string {
  if (timing.kind === 'cron') return timing.cron_expression;
  const [hour, minute, second = '0'] = timing.time.split(':');
  const clock = `${Number(second)} ${Number(minute)} ${Number(hour)}`;
  if (timing.kind === 'daily') return `${clock} * * *`;
  if (timing.kind === 'weekly') return `${clock} * * ${[...new Set(timing.days_of_week.map((day) => weekdays.indexOf(day)))].sort().join(',')}`;
  return `${clock} ${timing.day_of_month === 'last' ? 'L' : timing.day_of_month} * *`;
}

export type NextOccurrence = (after: number) => number | null;

/**
 * A function giving the first occurrence strictly after `after` (epoch ms), or null when there is
 * none. An interval schedule counts whole intervals from its anchor (its `start_at`, or its creation
 * plus one interval): elapsed time, so time zones and DST do not move it.
 */
export function occurrencesOf(timing: ScheduleTiming, timezone: string, anchorMs: number): NextOccurrence {
  if (timing.kind === 'interval') {
    const period = timing.interval_seconds * 1000;
    const start = timing.start_at ? Date.parse(timing.start_at) : anchorMs + period;
    return (after) => (after < start ? start : start + (Math.floor((after - start) / period) + 1) * period);
  }
  const cron = new Cron(cronPattern(timing), { timezone, paused: true });
  return (after) => cron.nextRun(new Date(after))?.getTime() ?? null;
}
