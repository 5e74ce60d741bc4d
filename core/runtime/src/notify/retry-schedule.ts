/**
 * When to try a notification again. Like Svix's schedule: at once, then 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h and 10 h after each failure, with jitter, never sooner than the provider's
 * `Retry-After`; the outbox gives up after `maxAttempts` (capped by the schedule's length).
 */
export const SVIX_SCHEDULE_MS: readonly number[] = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** ±20 % around the nominal delay, so retries of a burst do not arrive together. */
const JITTER = 0.2;

export interface RetrySchedule {
  /** Delays before each attempt; `[0]` is the first attempt (0: at once). */
  readonly delaysMs: readonly number[];
  /** Most attempts before giving up. */
  readonly maxAttempts: number;
}

export function retrySchedule(delaysMs: readonly number[] = SVIX_SCHEDULE_MS, maxAttempts = delaysMs.length): RetrySchedule {
  if (delaysMs.length === 0) throw new RangeError('a retry schedule needs at least one entry');
  return { delaysMs, maxAttempts: Math.max(1, Math.min(maxAttempts, delaysMs.length)) };
}

/**
 * Milliseconds to wait after `failedAttempt` (1-based) failed, or undefined when that was the last
 * one. `retryAfterMs` (the provider's wish) is a floor the jitter only adds to; `random` is injectable for tests.
 */
export function delayAfter(schedule: RetrySchedule, failedAttempt: number, maxAttempts: number, retryAfterMs?: number, random: () => number = Math.random): number | undefined {
  if (failedAttempt >= Math.min(maxAttempts, schedule.maxAttempts)) return undefined;
  const nominal = schedule.delaysMs[Math.min(failedAttempt, schedule.delaysMs.length - 1)]!;
  const jittered = Math.round(nominal * (1 - JITTER + 2 * JITTER * random()));
  if (retryAfterMs === undefined || jittered >= retryAfterMs) return jittered;
  // The provider named the earliest time: spread the retries of a burst above it, never before it.
  return retryAfterMs + Math.round(retryAfterMs * JITTER * random());
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `0, 5s, 5m, 30m, 2h` (a bare number is milliseconds); undefined when an entry is not a duration. */
export function parseSchedule(text: string): number[] | undefined {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  const delays: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(part);
    if (!match) return undefined;
    delays.push(Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!));
  }
  return delays.length > 0 ? delays : undefined;
}
