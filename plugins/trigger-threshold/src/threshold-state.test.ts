import { describe, expect, it } from 'vitest';
import { initialThresholdState, nextThresholdState, type ThresholdRule, type ThresholdState } from './threshold-state.js';

const rule = (over: Partial<ThresholdRule> = {}): ThresholdRule => ({ above: 100, hysteresis: 10, for_ms: 0, cooldown_ms: 0, ...over });

/** Feeds readings `[time, value]` through the state machine and returns the times it fired at. */
function run(readings: [number, number][], r: ThresholdRule): number[] {
  let state: ThresholdState = initialThresholdState;
  const fired: number[] = [];
  for (const [time, value] of readings) {
    const next = nextThresholdState(state, value, time, r);
    state = next.state;
    if (next.fire) fired.push(time);
  }
  return fired;
}

describe('threshold state', () => {
  it('fires once when the value crosses, and not again while it stays past the bound', () => {
    expect(run([[0, 50], [1, 120], [2, 130], [3, 125]], rule())).toEqual([1]);
  });

  it('fires again only after the value came back inside the bound by the hysteresis', () => {
    // 95 is inside the bound but not by 10: no re-arm; 89 re-arms.
    expect(run([[0, 120], [1, 95], [2, 120], [3, 89], [4, 120]], rule())).toEqual([0, 4]);
  });

  it('waits until the value stayed past the bound for for_ms', () => {
    expect(run([[0, 120], [500, 120], [999, 120], [1_000, 120]], rule({ for_ms: 1_000 }))).toEqual([1_000]);
    // A dip back below the bound restarts the wait.
    expect(run([[0, 120], [600, 80], [700, 120], [1_500, 120], [1_700, 120]], rule({ for_ms: 1_000 }))).toEqual([1_700]);
  });

  it('keeps the cooldown between two fires even when re-armed', () => {
    const readings: [number, number][] = [[0, 120], [100, 50], [200, 120], [5_000, 120], [5_100, 50], [10_100, 120]];
    expect(run(readings, rule({ cooldown_ms: 10_000 }))).toEqual([0, 10_100]);
  });

  it('watches a lower bound the same way', () => {
    expect(run([[0, 10], [1, 4], [2, 6], [3, 16], [4, 3]], { below: 5, hysteresis: 10, for_ms: 0, cooldown_ms: 0 })).toEqual([1, 4]);
  });
});
