import { checkI18n, withSchemaI18n, z, type I18nTexts } from '@dwc/sdk';
import { workflowCallStep } from '../engine/workflow-call.js';
import { waitStepTypes } from '../waits/wait-step-types.js';
import type { Registries } from '../plugin-host/registries.js';

/** The package that provides the engine's own step types. */
export const ENGINE_PROVIDER = '@dwc/runtime';

/** A step type a workflow may use: a registered action, or the engine's own `workflow.call`. */
export interface StepType {
  type: string;
  title: string;
  description: string;
  /** The plugin that registered it (`@dwc/runtime` for the engine's own). */
  plugin: string;
  input: z.ZodType;
  output: z.ZodType;
  /** Texts in other languages: name, description and the input form's fields. */
  i18n?: I18nTexts;
}

/** A step type as the API lists it: its schemas as JSON Schema (draft 2020-12). */
export interface StepTypeDescription {
  type: string;
  title: string;
  description: string;
  plugin: string;
  /** Texts in other languages; the input schema carries the fields' own (`x-dwc-i18n`). */
  i18n?: I18nTexts;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

export type ActionCatalog = ReturnType<typeof createActionCatalog>;

/**
 * Every step type a workflow may use right now, looked up live in the action registry (a plugin
 * enabled or disabled later changes it), plus the engine's own `workflow.call` and waiting steps.
 */
export function createActionCatalog(registries: Pick<Registries, 'actions'>) {
  const engineTypes: StepType[] = [workflowCallStep, ...waitStepTypes].map((step) => ({ ...step, plugin: ENGINE_PROVIDER }));
  for (const step of engineTypes) checkI18n(step.type, step.i18n, [step.input]);
  const described = { input: new WeakMap<z.ZodType, Record<string, unknown>>(), output: new WeakMap<z.ZodType, Record<string, unknown>>() };

  // An input form shows what a client sends (defaulted fields optional); a transform shows as any value.
  const jsonSchema = (schema: z.ZodType, io: 'input' | 'output', i18n?: I18nTexts): Record<string, unknown> => {
    let json = described[io].get(schema);
    if (json === undefined) {
      try {
        json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
      } catch {
        // A schema zod cannot express (a custom type in a cycle, say) shows as "any value"; the run still checks it.
        json = { $schema: 'https://json-schema.org/draft/2020-12/schema' };
      }
      if (io === 'input') json = withSchemaI18n(json, i18n);
      described[io].set(schema, json);
    }
    return json;
  };

  function get(type: string): StepType | undefined {
    const engine = engineTypes.find((candidate) => candidate.type === type);
    if (engine !== undefined) return engine;
    const entry = registries.actions.list().find((candidate) => candidate.definition.type === type);
    if (entry === undefined) return undefined;
    const { definition, plugin } = entry;
    return { type: definition.type, title: definition.title, description: definition.description, plugin, input: definition.input, output: definition.output, ...(definition.i18n ? { i18n: definition.i18n } : {}) };
  }

  function list(): StepType[] {
    const actions = registries.actions.list().map(({ definition, plugin }): StepType => ({
      type: definition.type, title: definition.title, description: definition.description, plugin, input: definition.input, output: definition.output,
      ...(definition.i18n ? { i18n: definition.i18n } : {}),
    }));
    return [...actions, ...engineTypes].sort((a, b) => a.type.localeCompare(b.type));
  }

  return {
    get,
    list,
    /** Every step type's name, sorted. */
    types: (): string[] => list().map((step) => step.type),
    /** Every step type with its input and output as JSON Schema. */
    describe: (): StepTypeDescription[] =>
      list().map((step) => ({
        type: step.type, title: step.title, description: step.description, plugin: step.plugin, ...(step.i18n ? { i18n: step.i18n } : {}),
        inputSchema: jsonSchema(step.input, 'input', step.i18n), outputSchema: jsonSchema(step.output, 'output'),
      })),
  };
}
