import { describe, expect, it } from 'vitest';
import { delayAfter, parseSchedule, retrySchedule, SVIX_SCHEDULE_MS } from './retry-schedule.js';

describe('retry schedule', () => {
  const svix = retrySchedule();
  const middle = () => 0.5;

  it("follows Svix's schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays = Array.from({ length: 8 }, (_, i) => delayAfter(svix, i + 1, 8, undefined, middle));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, undefined]);
    expect(SVIX_SCHEDULE_MS[0]).toBe(0);
  });

  it('stops at the configured cap, even before the schedule ends', () => {
    expect(delayAfter(retrySchedule(SVIX_SCHEDULE_MS, 3), 2, 8, undefined, middle)).toBe(300_000);
    expect(delayAfter(retrySchedule(SVIX_SCHEDULE_MS, 3), 3, 8, undefined, middle)).toBeUndefined();
    expect(delayAfter(svix, 2, 2, undefined, middle)).toBeUndefined();
  });

  it('spreads each delay by at most 20 % either way', () => {
    expect(delayAfter(svix, 1, 8, undefined, () => 0)).toBe(4_000);
    expect(delayAfter(svix, 1, 8, undefined, () => 1)).toBe(6_000);
  });

  it("never retries sooner than the provider's Retry-After, jittering only above it", () => {
    expect(delayAfter(svix, 1, 8, 60_000, () => 0)).toBe(60_000);
    expect(delayAfter(svix, 1, 8, 60_000, middle)).toBe(66_000);
    expect(delayAfter(svix, 1, 8, 60_000, () => 1)).toBe(72_000);
    for (const r of [0, 0.1, 0.37, 0.5, 0.83, 0.999]) expect(delayAfter(svix, 1, 8, 5_500, () => r)).toBeGreaterThanOrEqual(5_500);
    expect(delayAfter(svix, 1, 8, 1_000, middle)).toBe(5_000);
  });

  it('reads schedules written with units', () => {
    expect(parseSchedule('0, 5s, 5m, 30m, 2h, 250')).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 250]);
    expect(parseSchedule('5 minutes')).toBeUndefined();
    expect(parseSchedule('')).toBeUndefined();
  });
});
