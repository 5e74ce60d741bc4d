import { I18N_SCHEMA_KEYWORD, withSchemaI18n, z, type I18nTexts, type TriggerDefinition, type TriggerRunsOn } from '@dwc/sdk';
import type { CapabilityRegistry } from '../plugin-host/capability-registry.js';

export interface TriggerTypeDescription {
  type: string;
  title: string;
  description: string;
  plugin: string;
  runsOn: TriggerRunsOn;
  /** Texts in other languages; the settings schema carries the fields' own (`x-dwc-i18n`). */
  i18n?: I18nTexts;
  /** The settings a workflow's `trigger` holds beside `type`, as JSON Schema (draft 2020-12), plus the host's `condition`. */
  settingsSchema: Record<string, unknown>;
}

export type TriggerCatalog = ReturnType<typeof createTriggerCatalog>;

const conditionProperty = {
  type: 'string',
  description: 'JSONata over `input` (the trigger data); the workflow runs only when it is true. Any trigger may have one.',
  [I18N_SCHEMA_KEYWORD]: { es: { title: 'Condición', description: 'JSONata sobre `input` (los datos del disparador); el flujo solo se ejecuta cuando es verdadera. Cualquier disparador puede tener una.' } },
};

/** Every trigger type enabled plugins (and the engine) provide, with its settings schema for forms. */
export function createTriggerCatalog(triggers: CapabilityRegistry<TriggerDefinition>) {
  const described = new WeakMap<z.ZodType, Record<string, unknown>>();
  const settingsSchema = (schema: z.ZodType, i18n: I18nTexts | undefined): Record<string, unknown> => {
    let json = described.get(schema);
    if (json === undefined) {
      try {
        json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
      } catch {
        json = { $schema: 'https://json-schema.org/draft/2020-12/schema' };
      }
      json = withSchemaI18n(json, i18n);
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
          ...(definition.i18n ? { i18n: definition.i18n } : {}),
          settingsSchema: settingsSchema(definition.settings, definition.i18n),
        }))
        .sort((a, b) => a.type.localeCompare(b.type)),
  };
}
