import { InputError, describeZodError, toFieldErrors, type TriggerDefinition } from '@dwc/sdk';
import { compileCheckExpression } from '../engine/index.js';
import type { CapabilityRegistry } from '../plugin-host/capability-registry.js';

/** A workflow's trigger, checked: its definition, the settings its schema made, and the host's `condition`. */
export interface ParsedTrigger {
  type: string;
  definition: TriggerDefinition;
  plugin: string;
  settings: unknown;
  /** JSONata over `input` (the trigger data); the run starts only when it is true. */
  condition: string | undefined;
}

/**
 * Checks `trigger` (`{type, condition?, ...settings}`) against its registered type: `condition` is
 * the host's (any trigger may have one); the rest must satisfy the type's settings schema. Throws
 * InputError `trigger_not_found` or `invalid_trigger` with details at `trigger.<field>`.
 */
export function parseTrigger(triggers: CapabilityRegistry<TriggerDefinition>, trigger: { type: string; [key: string]: unknown }): ParsedTrigger {
  const entry = triggers.entry(trigger.type);
  if (entry === undefined) {
    const known = triggers.list().map((t) => t.definition.type).sort();
    throw new InputError(`No trigger type "${trigger.type}" is registered; known types: ${known.join(', ') || 'none'}.`, {
      code: 'trigger_not_found',
      details: { 'trigger.type': [`unknown trigger type; use one of ${known.join(', ')}`] },
    });
  }
  const { type, condition, ...rest } = trigger;
  const details: Record<string, string[]> = {};
  if (condition !== undefined) {
    if (typeof condition !== 'string' || condition.trim() === '') details['trigger.condition'] = ['must be a JSONata expression over `input`'];
    else for (const issue of compileCheckExpression(condition)) (details['trigger.condition'] ??= []).push(issue.message);
  }
  const parsed = entry.definition.settings.safeParse(rest);
  if (!parsed.success) {
    for (const [field, messages] of Object.entries(toFieldErrors(parsed.error, { schema: entry.definition.settings, input: rest }) as Record<string, string[]>)) {
      (details[field === '' ? 'trigger' : `trigger.${field}`] ??= []).push(...messages);
    }
  }
  if (Object.keys(details).length > 0) {
    const reason = parsed.success ? Object.values(details).flat().join('; ') : describeZodError(parsed.error, { schema: entry.definition.settings, input: rest });
    throw new InputError(`Invalid ${type} trigger: ${reason}`, { code: 'invalid_trigger', details });
  }
  return { type, definition: entry.definition, plugin: entry.plugin, settings: parsed.data, condition: condition as string | undefined };
}
