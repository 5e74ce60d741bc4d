import { z } from '@dwc/sdk';

/** Where one step of one execution stands. */
export const stepStateSchema = z.enum(['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled']);

export type StepState = z.infer<typeof stepStateSchema>;

/** States after which a step will not change on its own. */
export const FINISHED_STATES: ReadonlySet<StepState> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Step id -> state, as a Map or a plain object; a step not listed is `pending`. */
export type StepStates = ReadonlyMap<string, StepState> | Readonly<Record<string, StepState>>;

/** The state of `id` in `states`, reading own keys only (`constructor` is a valid step id). */
export function stateOf(states: StepStates, id: string): StepState {
  if (states instanceof Map) return states.get(id) ?? 'pending';
  const record = states as Readonly<Record<string, StepState>>;
  return Object.hasOwn(record, id) ? (record[id] ?? 'pending') : 'pending';
}
