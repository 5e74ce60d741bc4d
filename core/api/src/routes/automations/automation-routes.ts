import { automationBodySchema, automationFeedbackSchema, automationTriggerRequestSchema } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { i18nSchema, i18nWire } from '../i18n-wire.js';
import { automationRunSchema, automationSchema, toAutomationWire, toRunWire } from './automation-wire.js';

const tags = ['automations'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const notFound = errorResponse('No such automation');

export const automationTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations/templates',
  operationId: 'listAutomationTemplates',
  permission: 'automations:read',
  summary: 'Ready automations: POST one\'s `automation` to create it',
  tags,
  responses: { 200: { description: 'Templates', schema: z.object({ items: z.array(z.object({ name: z.string(), description: z.string(), i18n: i18nSchema.optional(), automation: z.record(z.string(), z.unknown()) })) }) } },
  handler: ({ deps }) => ({ items: deps.engine.automations.templates().map(({ i18n, ...t }) => ({ ...t, ...i18nWire(i18n), automation: t.automation as Record<string, unknown> })) }),
});

export const automationActionTypesRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations/actions',
  operationId: 'listAutomationActionTypes',
  permission: 'automations:read',
  summary: 'The automation action types, each with the JSON Schema its parameters must match',
  description: 'Create and PUT check each action\'s parameters against these schemas (`invalid_automation`, `details[].field` naming the parameter). Only types whose step a plugin provides now are listed; any other action type is a step type (`GET /api/v3/actions`) whose parameters are its input.',
  tags,
  responses: {
    200: {
      description: 'Action types',
      schema: z.object({
        items: z.array(z.object({
          type: z.string().meta({ example: 'ai_generation' }),
          step_type: z.string().meta({ description: 'The step type it runs as' }),
          title: z.string(),
          description: z.string(),
          i18n: i18nSchema.optional(),
          parameters_schema: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema (draft 2020-12) of `parameters`, as a client writes them' }),
        })),
      }),
    },
  },
  handler: ({ deps }) => ({ items: deps.engine.automations.actionTypes().map(({ i18n, ...action }) => ({ ...action, ...i18nWire(i18n) })) }),
});

export const automationStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations/stats',
  operationId: 'automationStats',
  permission: 'automations:read',
  summary: 'Runs, matches, feedback and variant odds of every automation',
  tags,
  responses: {
    200: {
      description: 'Stats',
      schema: z.object({
        total_automations: z.number().int(), enabled: z.number().int(), total_runs: z.number().int(), matched_runs: z.number().int(), feedback: z.number().int(),
        automations: z.array(z.object({
          id: z.string(), name: z.string(), enabled: z.boolean(), trigger_type: z.string(), runs: z.number().int(), matched: z.number().int(), feedback: z.number().int(),
          variant_odds: automationSchema.shape.variant_odds,
        })),
      }),
    },
  },
  handler: ({ deps }) => deps.engine.automations.stats(),
});

export const createAutomationRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/automations',
  operationId: 'createAutomation',
  permission: 'automations:write',
  summary: 'Create an automation (its actions become a workflow that every run executes)',
  tags,
  errors: ['invalid_automation', 'action_not_found', 'invalid_step_input'],
  request: { body: automationBodySchema },
  responses: { 201: { description: 'The automation', schema: automationSchema }, 400: errorResponse('Invalid automation, or an action type no plugin provides') },
  handler: async ({ deps, body, auth, res }) => {
    const created = await deps.engine.automations.create(body, auth?.userId ?? null);
    res.status(201);
    return toAutomationWire(created, await deps.engine.automations.odds(created));
  },
});

export const listAutomationsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations',
  operationId: 'listAutomations',
  permission: 'automations:read',
  summary: 'List automations',
  tags,
  responses: { 200: { description: 'Automations', schema: z.object({ items: z.array(automationSchema) }) } },
  handler: async ({ deps }) => ({
    items: await Promise.all((await deps.engine.automations.list()).map(async (a) => toAutomationWire(a, await deps.engine.automations.odds(a)))),
  }),
});

export const getAutomationRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations/{id}',
  operationId: 'getAutomation',
  permission: 'automations:read',
  summary: 'Get an automation with the current odds of its variants',
  tags,
  errors: ['automation_not_found'],
  request: { params: idParams },
  responses: { 200: { description: 'The automation', schema: automationSchema }, 404: notFound },
  handler: async ({ deps, params }) => {
    const automation = await deps.engine.automations.get(params.id);
    return toAutomationWire(automation, await deps.engine.automations.odds(automation));
  },
});

export const updateAutomationRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/automations/{id}',
  operationId: 'updateAutomation',
  permission: 'automations:write',
  summary: 'Replace an automation (its workflow gets a new version)',
  tags,
  errors: ['automation_not_found', 'invalid_automation', 'action_not_found', 'invalid_step_input'],
  request: { params: idParams, body: automationBodySchema },
  responses: { 200: { description: 'The automation', schema: automationSchema }, 404: notFound },
  handler: async ({ deps, params, body }) => {
    const updated = await deps.engine.automations.update(params.id, body);
    return toAutomationWire(updated, await deps.engine.automations.odds(updated));
  },
});

export const deleteAutomationRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/automations/{id}',
  operationId: 'deleteAutomation',
  permission: 'automations:write',
  summary: 'Delete an automation, its runs and feedback (executions stay readable)',
  tags,
  errors: ['automation_not_found'],
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, 404: notFound },
  handler: async ({ deps, params }) => {
    await deps.engine.automations.delete(params.id);
  },
});

export const triggerAutomationRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/automations/{id}/trigger',
  operationId: 'triggerAutomation',
  permission: 'automations:write',
  summary: 'Run an automation on this trigger data: the run, with which conditions matched and the decision',
  tags,
  errors: ['automation_not_found', 'automation_disabled', 'invalid_expression'],
  request: { params: idParams, body: automationTriggerRequestSchema },
  responses: { 200: { description: 'The run (its execution is queued or running)', schema: automationRunSchema }, 404: notFound, 409: errorResponse('The automation is disabled') },
  handler: async ({ deps, params, body }) => toRunWire(await deps.engine.automations.trigger(params.id, body)),
});

export const listAutomationRunsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/automations/{id}/runs',
  operationId: 'listAutomationRuns',
  permission: 'automations:read',
  summary: 'Runs, newest first, with which conditions matched and what each action did',
  tags,
  errors: ['automation_not_found'],
  request: { params: idParams, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.string().max(64).optional() }) },
  responses: { 200: { description: 'Runs', schema: z.object({ items: z.array(automationRunSchema) }) }, 404: notFound },
  handler: async ({ deps, params, query }) => ({ items: (await deps.engine.automations.runs(params.id, query.limit, query.before)).map(toRunWire) }),
});

export const automationFeedbackRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/automations/{id}/feedback',
  operationId: 'automationFeedback',
  permission: 'automations:write',
  summary: "Post a run's outcome; with learning on it drives the choice of variants",
  tags,
  errors: ['automation_not_found', 'automation_run_not_found'],
  request: { params: idParams, body: automationFeedbackSchema },
  responses: {
    200: {
      description: 'What was credited, and the odds now',
      schema: z.object({
        run_id: z.string(), reward: z.number(), credited: z.array(z.object({ action_index: z.number().int(), variant: z.string() })),
        learning_enabled: z.boolean(), variant_odds: automationSchema.shape.variant_odds,
      }),
    },
    404: errorResponse('No such automation or run'),
  },
  handler: ({ deps, params, body }) => deps.engine.automations.feedback(params.id, body),
});

/** Literal paths (`templates`, `stats`) come before `{id}`. */
export const automationRoutes = [
  automationTemplatesRoute,
  automationActionTypesRoute,
  automationStatsRoute,
  createAutomationRoute,
  listAutomationsRoute,
  getAutomationRoute,
  updateAutomationRoute,
  deleteAutomationRoute,
  triggerAutomationRoute,
  listAutomationRunsRoute,
  automationFeedbackRoute,
];
