import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { i18nSchema, i18nWire } from '../i18n-wire.js';

const jsonSchema = z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema (draft 2020-12)' });

export const actionSchema = z
  .object({
    type: z.string().meta({ description: 'The step `type` that uses it, e.g. `http.request`', example: 'delay' }),
    title: z.string(),
    description: z.string(),
    plugin: z.string().meta({ description: 'The plugin that registered it; `@dwc/runtime` for the engine\'s own `workflow.call`' }),
    i18n: i18nSchema.optional(),
    input_schema: jsonSchema.meta({ description: "The step's `input` as a client writes it (defaulted fields optional), as JSON Schema (draft 2020-12)" }),
    output_schema: jsonSchema.meta({ description: "What the step outputs (`steps.<id>.output`), as JSON Schema (draft 2020-12)" }),
  })
  .meta({ id: 'Action' });

export const listActionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/actions',
  operationId: 'listActions',
  permission: 'workflows:read',
  summary: 'Every step type a workflow may use, with its input and output schemas',
  description: 'The actions registered by enabled plugins and the engine\'s own `workflow.call`, sorted by type. Step input forms are drawn from `input_schema`.',
  tags: ['actions'],
  responses: { 200: { description: 'Every step type', schema: z.object({ items: z.array(actionSchema) }) } },
  handler: ({ deps }) => ({
    items: deps.engine.actions.describe().map((action) => ({
      type: action.type,
      title: action.title,
      description: action.description,
      plugin: action.plugin,
      ...i18nWire(action.i18n),
      input_schema: action.inputSchema,
      output_schema: action.outputSchema,
    })),
  }),
});
