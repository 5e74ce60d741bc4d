import { describe, expect, it } from 'vitest';
import { occurrencesOf } from './next-occurrence.js';
import type { ScheduleTiming } from './schedule-spec.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** The next `count` occurrences after `from`. */
function next(timing: ScheduleTiming, timezone: string, from: string, count: number, anchor = from): string[] {
  const occurrences = occurrencesOf(timing, timezone, at(anchor));
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < count; i++) out.push(iso((t = occurrences(t)!))!);
  return out;
}

describe('next occurrence of each kind', () => {
  it('follows a 5-field cron expression in its time zone', () => {
    expect(next({ kind: 'cron', cron_expression: '0 2 * * *' }, 'Europe/Madrid', '2026-06-01T12:00:00Z', 2)).toEqual(['2026-06-02T00:00:00.000Z', '2026-06-03T00:00:00.000Z']);
  });

  it('follows a 6-field cron expression with seconds first', () => {
    expect(next({ kind: 'cron', cron_expression: '*/15 * * * * *' }, 'UTC', '2026-06-01T12:00:07Z', 3)).toEqual(['2026-06-01T12:00:15.000Z', '2026-06-01T12:00:30.000Z', '2026-06-01T12:00:45.000Z']);
  });

  it('counts intervals from creation, strictly after the given time', () => {
    expect(next({ kind: 'interval', interval_seconds: 90 }, 'UTC', '2026-06-01T12:00:00Z', 3)).toEqual(['2026-06-01T12:01:30.000Z', '2026-06-01T12:03:00.000Z', '2026-06-01T12:04:30.000Z']);
    const occurrences = occurrencesOf({ kind: 'interval', interval_seconds: 60 }, 'UTC', at('2026-06-01T12:00:00Z'));
    expect(iso(occurrences(at('2026-06-01T12:05:00Z')))).toBe('2026-06-01T12:06:00.000Z');
  });

  it('counts intervals from start_at when given', () => {
    expect(next({ kind: 'interval', interval_seconds: 3_600, start_at: '2026-06-01T08:30:00Z' }, 'UTC', '2026-06-01T00:00:00Z', 2)).toEqual(['2026-06-01T08:30:00.000Z', '2026-06-01T09:30:00.000Z']);
  });

  it('runs daily at a wall-clock time', () => {
    expect(next({ kind: 'daily', time: '09:15' }, 'America/New_York', '2026-06-01T00:00:00Z', 2)).toEqual(['2026-06-01T13:15:00.000Z', '2026-06-02T13:15:00.000Z']);
  });

  it('runs weekly on the given days', () => {
    // 2026-06-01 is a Monday.
    expect(next({ kind: 'weekly', time: '08:00:30', days_of_week: ['fri', 'mon'] }, 'UTC', '2026-06-01T09:00:00Z', 3)).toEqual(['2026-06-05T08:00:30.000Z', '2026-06-08T08:00:30.000Z', '2026-06-12T08:00:30.000Z']);
  });

  it('runs monthly on a day, or on the last day', () => {
    expect(next({ kind: 'monthly', time: '06:00', day_of_month: 15 }, 'UTC', '2026-01-20T00:00:00Z', 2)).toEqual(['2026-02-15T06:00:00.000Z', '2026-03-15T06:00:00.000Z']);
    expect(next({ kind: 'monthly', time: '23:00', day_of_month: 'last' }, 'UTC', '2026-01-31T23:30:00Z', 2)).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T23:00:00.000Z']);
  });
});

describe.each([
  // zone, spring-forward day, fall-back day, the time that repeats on fall-back
  { zone: 'Europe/Madrid', spring: '2026-03-29', fall: '2026-10-25', repeated: '02:30', springUtc: '2026-03-29T01:00:00.000Z', fallUtc: '2026-10-25T00:30:00.000Z', afterSpring: '2026-03-30T00:30:00.000Z', afterFall: '2026-10-26T01:30:00.000Z' },
  { zone: 'America/New_York', spring: '2026-03-08', fall: '2026-11-01', repeated: '01:30', springUtc: '2026-03-08T07:00:00.000Z', fallUtc: '2026-11-01T05:30:00.000Z', afterSpring: '2026-03-09T06:30:00.000Z', afterFall: '2026-11-02T06:30:00.000Z' },
])('DST in $zone', (c) => {
  it('runs a 02:30 daily job once on the spring-forward day, at 03:00 local (the first instant after the gap)', () => {
    const runs = next({ kind: 'daily', time: '02:30' }, c.zone, `${c.spring}T00:00:00Z`, 2, '2026-01-01T00:00:00Z');
    expect(runs).toEqual([c.springUtc, c.afterSpring]);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: c.zone, hour: '2-digit', minute: '2-digit' }).format(new Date(runs[0]!));
    expect(local).toBe('03:00');
  });

  it('runs a job at a time that happens twice on the fall-back day once, at its first instance', () => {
    const dayBefore = new Date(at(c.fall) - 86_400_000).toISOString().slice(0, 10);
    const runs = next({ kind: 'daily', time: c.repeated }, c.zone, `${dayBefore}T12:00:00Z`, 2);
    expect(runs).toEqual([c.fallUtc, c.afterFall]);
  });

  it('keeps an interval schedule to elapsed time across the change', () => {
    const runs = next({ kind: 'interval', interval_seconds: 3_600 }, c.zone, `${c.spring}T00:00:00Z`, 4);
    const gaps = runs.slice(1).map((r, i) => at(r) - at(runs[i]!));
    expect(gaps).toEqual([3_600_000, 3_600_000, 3_600_000]);
  });
});
