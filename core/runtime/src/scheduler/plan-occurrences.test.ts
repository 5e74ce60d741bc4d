import { describe, expect, it } from 'vitest';
import { occurrencesOf } from './next-occurrence.js';
import { planOccurrences } from './plan-occurrences.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const everyMinute = occurrencesOf({ kind: 'cron', cron_expression: '* * * * *' }, 'UTC', T0);

/** A schedule whose next occurrence was T0, looked at `downMinutes` later with a one-minute grace. */
const plan = (missed_runs: 'skip' | 'once' | 'all', downMinutes: number, missed_runs_cap = 3) =>
  planOccurrences({ nextRunAt: T0, now: T0 + downMinutes * MINUTE + 5_000, graceMs: MINUTE, policy: { missed_runs, missed_runs_cap }, occurrences: everyMinute });

describe('missed-run policies after the clock stood still', () => {
  it('fires an occurrence within the grace whatever the policy', () => {
    for (const policy of ['skip', 'once', 'all'] as const) {
      expect(planOccurrences({ nextRunAt: T0, now: T0 + 500, graceMs: MINUTE, policy: { missed_runs: policy, missed_runs_cap: 3 }, occurrences: everyMinute })).toEqual({ fire: [T0], missed: 0, next: T0 + MINUTE });
    }
  });

  it('skip: fires none of the late occurrences, only the one still within the grace', () => {
    expect(plan('skip', 10)).toEqual({ fire: [T0 + 10 * MINUTE], missed: 10, next: T0 + 11 * MINUTE });
  });

  it('once: fires the latest late occurrence once', () => {
    expect(plan('once', 10)).toEqual({ fire: [T0 + 9 * MINUTE, T0 + 10 * MINUTE], missed: 9, next: T0 + 11 * MINUTE });
  });

  it('all: fires every late occurrence up to the cap, the latest ones', () => {
    expect(plan('all', 10, 3)).toEqual({ fire: [T0 + 7 * MINUTE, T0 + 8 * MINUTE, T0 + 9 * MINUTE, T0 + 10 * MINUTE], missed: 7, next: T0 + 11 * MINUTE });
    expect(plan('all', 2, 10).fire).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
  });

  it('walks a very long downtime of a frequent schedule without walking every occurrence', () => {
    const everySecond = occurrencesOf({ kind: 'interval', interval_seconds: 1 }, 'UTC', T0 - 1_000);
    const now = T0 + 30 * 86_400_000;
    const started = performance.now();
    const result = planOccurrences({ nextRunAt: T0, now, graceMs: MINUTE, policy: { missed_runs: 'skip', missed_runs_cap: 3 }, occurrences: everySecond });
    expect(result.fire.every((t) => t >= now - MINUTE)).toBe(true);
    expect(result.next).toBe(now - (now % 1_000) + 1_000);
    expect(result.missed).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
