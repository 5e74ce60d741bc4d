import { z } from 'zod';
import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';

/** Fires the workflow the trigger belongs to, with `data` as the execution's input. */
export type TriggerEmit = (data: Record<string, unknown>) => Promise<void>;

export interface TriggerStartContext {
  workflowId: string;
  log: Logger;
  /** Aborted when the trigger must stop listening (workflow disabled, plugin disabled, shutdown). */
  signal: AbortSignal;
  emit: TriggerEmit;
}

export interface TriggerSpec<Settings extends z.ZodType> {
  /** Registry key, e.g. `webhook`, `schedule`, `file_watch`. */
  type: string;
  title: string;
  description: string;
  /** Per-workflow trigger settings (`trigger: { type, ...settings }` in a workflow definition). */
  settings: Settings;
  /** Starts listening for one workflow. Returns a function that stops listening. */
  start(settings: z.output<Settings>, ctx: TriggerStartContext): Promise<() => Promise<void> | void>;
}

export interface TriggerDefinition<Settings extends z.ZodType = z.ZodType> extends TriggerSpec<Settings> {
  readonly kind: 'trigger';
}

/** Declares a trigger. */
export function defineTrigger<Settings extends z.ZodType>(spec: TriggerSpec<Settings>): TriggerDefinition<Settings> {
  assertCapabilityId('defineTrigger', spec.type);
  if (!(spec.settings instanceof z.ZodType)) {
    throw new TypeError(`defineTrigger(${spec.type}): "settings" must be a zod schema.`);
  }
  assertFunction(`defineTrigger(${spec.type})`, 'start', spec.start);
  return Object.freeze({ ...spec, kind: 'trigger' as const });
}
