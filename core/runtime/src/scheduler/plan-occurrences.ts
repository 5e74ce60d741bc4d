import type { NextOccurrence } from './next-occurrence.js';
import type { SchedulePolicy } from './schedule-spec.js';

/** Past this many due occurrences (a long downtime of a frequent schedule) the walk restarts near now. */
const MAX_WALK = 10_000;

export interface OccurrencePlan {
  /** Planned times to fire now, oldest first. */
  fire: number[];
  /** Late occurrences left out by the missed-run policy. */
  missed: number;
  /** The next planned time after the ones handled now, or null when the schedule has no more. */
  next: number | null;
}

/**
 * Which due occurrences of a schedule to fire at `now`, from its stored next planned time. An
 * occurrence is late when it was planned more than `graceMs` ago (the servers were down, or busy);
 * late ones follow `missed_runs`: `skip` none, `once` the latest, `all` the latest `missed_runs_cap`.
 * Occurrences within the grace always fire.
 */
export function planOccurrences(options: {
  nextRunAt: number;
  now: number;
  graceMs: number;
  policy: Pick<SchedulePolicy, 'missed_runs' | 'missed_runs_cap'>;
  occurrences: NextOccurrence;
}): OccurrencePlan {
  const { now, graceMs, policy, occurrences } = options;
  const lateBefore = now - graceMs;
  const keepLate = policy.missed_runs === 'skip' ? 0 : policy.missed_runs === 'once' ? 1 : policy.missed_runs_cap;
  const late: number[] = [];
  const onTime: number[] = [];
  let lateCount = 0;
  let walked = 0;
  let t: number | null = options.nextRunAt;
  while (t !== null && t <= now) {
    if (++walked > MAX_WALK && t < lateBefore) {
      // Too many to walk one by one: count the rest as missed and go on from the start of the grace.
      const resume = occurrences(lateBefore);
      lateCount += 1;
      t = resume;
      continue;
    }
    if (t < lateBefore) {
      lateCount += 1;
      late.push(t);
      if (late.length > keepLate) late.shift();
    } else {
      onTime.push(t);
    }
    t = occurrences(t);
  }
  return { fire: [...late, ...onTime], missed: lateCount - late.length, next: t };
}
