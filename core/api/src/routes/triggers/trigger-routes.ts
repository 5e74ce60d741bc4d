import { z } from 'zod';
import { i18nSchema, i18nWire } from '../i18n-wire.js';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { toWorkflowWire, workflowIdParams, workflowSchema } from '../workflows/workflow-wire.js';

const jsonSchema = z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema (draft 2020-12)' });

export const triggerTypeSchema = z
  .object({
    type: z.string().meta({ description: 'The workflow\'s `trigger.type`', example: 'webhook' }),
    title: z.string(),
    description: z.string(),
    plugin: z.string().meta({ description: 'The plugin that registered it; `@dwc/runtime` for manual, api_call and webhook' }),
    runs_on: z.enum(['one', 'every']).meta({ description: 'With several processes: one listens (polls, folder watches), or every one does' }),
    i18n: i18nSchema.optional(),
    settings_schema: jsonSchema.meta({ description: 'The `trigger` object beside `type` (its form), with the `condition` any trigger may have' }),
  })
  .meta({ id: 'TriggerType' });

export const listTriggersRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/triggers',
  operationId: 'listTriggers',
  permission: 'workflows:read',
  summary: 'Every trigger type a workflow may use, with its settings schema',
  description: 'The triggers of enabled plugins and the engine\'s own, sorted by type. Trigger forms are drawn from `settings_schema`.',
  tags: ['triggers'],
  responses: { 200: { description: 'Every trigger type', schema: z.object({ items: z.array(triggerTypeSchema) }) } },
  handler: ({ deps }) => ({
    items: deps.engine.triggerTypes.describe().map((t) => ({
      type: t.type, title: t.title, description: t.description, plugin: t.plugin, runs_on: t.runsOn, ...i18nWire(t.i18n), settings_schema: t.settingsSchema,
    })),
  }),
});

export const setWorkflowActiveRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v3/workflows/{id}',
  operationId: 'setWorkflowActive',
  errors: ['workflow_not_found', 'trigger_unavailable', 'webhook_path_in_use'],
  permission: 'workflows:write',
  summary: "Turn the workflow's trigger on or off",
  description: 'Stored with the workflow, not in a version: saving a new version keeps it, and active triggers start again after a restart.',
  tags: ['workflows'],
  request: { params: workflowIdParams, body: z.strictObject({ active: z.boolean() }) },
  responses: {
    200: { description: 'The workflow', schema: workflowSchema },
    404: errorResponse('No such workflow'),
    409: errorResponse('The trigger\'s plugin is unavailable, or another active workflow has this webhook path'),
  },
  handler: async ({ deps, params, body }) => toWorkflowWire(await deps.engine.workflows.setActive(params.id, body.active)),
});

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export const publishEventRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/events',
  operationId: 'publishEvent',
  permission: 'workflows:write',
  summary: 'Publish an event; event triggers (and automations) whose conditions match fire',
  description: 'Emitted on the bus as `external.<type>` with payload `{type, data, user_id}`, and to the other server processes on Postgres.',
  tags: ['triggers'],
  request: {
    body: z.strictObject({
      type: z.string().max(100).regex(EVENT_TYPE, 'lower-case words of letters, digits and _ joined by ".", e.g. "content_request"'),
      data: z.record(z.string(), z.unknown()).default({}),
    }),
  },
  responses: { 202: { description: 'Published', schema: z.object({ type: z.string(), published_at: z.string() }) } },
  handler: ({ deps, body, auth, res }) => {
    deps.events.emit(`external.${body.type}`, { type: body.type, data: body.data, user_id: auth?.userId ?? null });
    res.status(202);
    return { type: body.type, published_at: new Date().toISOString() };
  },
});
