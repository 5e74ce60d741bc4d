import { z, type TriggerDefinition, type TriggerRunsOn } from '@dwc/sdk';
import type { CapabilityRegistry } from '../plugin-host/capability-registry.js';

export interface TriggerTypeDescription {
  type: string;
  title: string;
  description: string;
  plugin: string;
  runsOn: TriggerRunsOn;
  /** The settings a workflow's `trigger` holds beside `type`, as JSON Schema (draft 2020-12), plus the host's `condition`. */
  settingsSchema: Record<string, unknown>;
}

export type TriggerCatalog = ReturnType<typeof createTriggerCatalog>;

const conditionProperty = {
  type: 'string',
  description: 'JSONata over `input` (the trigger data); the workflow runs only when it is true. Any trigger may have one.',
};

/** Every trigger type enabled plugins (and the engine) provide, with its settings schema for forms. */
export function createTriggerCatalog(triggers: CapabilityRegistry<TriggerDefinition>) {
  const described = new WeakMap<z.ZodType, Record<string, unknown>>();
  const settingsSchema = (schema: z.ZodType): Record<string, unknown> => {
    let json = described.get(schema);
    if (json === undefined) {
      try {
        json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
      } catch {
        json = { $schema: 'https://json-schema.org/draft/2020-12/schema' };
      }
      if (json.type === 'object') json = { ...json, properties: { ...(json.properties as object | undefined), condition: conditionProperty } };
      described.set(schema, json);
    }
    return json;
  };
  return {
    describe: (): TriggerTypeDescription[] =>
      triggers
        .list()
        .map(({ definition, plugin }) => ({
          type: definition.type, title: definition.title, description: definition.description, plugin, runsOn: definition.runsOn,
          settingsSchema: settingsSchema(definition.settings),
        }))
        .sort((a, b) => a.type.localeCompare(b.type)),
  };
}
