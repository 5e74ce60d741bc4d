/** Where a watched number stands against its bound. */
export interface ThresholdState {
  /** `normal`; `pending` (past the bound since `since`, waiting out `for_ms`); `alarm` (fired, waiting to come back). */
  phase: 'normal' | 'pending' | 'alarm';
  since: number | null;
  /** When it last fired, for the cooldown. */
  lastFiredAt: number | null;
}

export interface ThresholdRule {
  /** Fires when the value goes above this... */
  above?: number | undefined;
  /** ...or below this. */
  below?: number | undefined;
  /** How far back past the bound the value must come before it can fire again. */
  hysteresis: number;
  /** How long the value must stay past the bound before it fires. */
  for_ms: number;
  /** The least time between two fires. */
  cooldown_ms: number;
}

export const initialThresholdState: ThresholdState = { phase: 'normal', since: null, lastFiredAt: null };

const crossed = (value: number, rule: ThresholdRule): boolean =>
  (rule.above !== undefined && value > rule.above) || (rule.below !== undefined && value < rule.below);

/** Back inside the bound by at least the hysteresis. */
const recovered = (value: number, rule: ThresholdRule): boolean =>
  (rule.above === undefined || value <= rule.above - rule.hysteresis) && (rule.below === undefined || value >= rule.below + rule.hysteresis);

/**
 * The next state after reading `value` at `now`, and whether to fire. It fires once when the value
 * has stayed past the bound for `for_ms` and the cooldown since the last fire is over; it fires
 * again only after the value came back inside the bound by the hysteresis.
 */
export function nextThresholdState(state: ThresholdState, value: number, now: number, rule: ThresholdRule): { state: ThresholdState; fire: boolean } {
  if (state.phase === 'alarm') {
    return { state: recovered(value, rule) ? { ...state, phase: 'normal', since: null } : state, fire: false };
  }
  if (!crossed(value, rule)) return { state: { ...state, phase: 'normal', since: null }, fire: false };
  const since = state.phase === 'pending' && state.since !== null ? state.since : now;
  const held = now - since >= rule.for_ms;
  const cooled = state.lastFiredAt === null || now - state.lastFiredAt >= rule.cooldown_ms;
  if (held && cooled) return { state: { phase: 'alarm', since, lastFiredAt: now }, fire: true };
  return { state: { ...state, phase: 'pending', since }, fire: false };
}
