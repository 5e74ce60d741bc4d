import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { pluginNameParams, pluginSchema, toPluginWire } from './plugin-wire.js';

export const configurePluginRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/plugins/{name}/config',
  operationId: 'configurePlugin',
  errors: ['plugin_not_found', 'plugin_not_loadable'],
  permission: 'plugins:admin',
  summary: "Replace a plugin's settings",
  description: "The body is the whole settings object, checked against the plugin's `config_schema`; invalid settings give 400 with field -> messages in `details`.",
  tags: ['plugins'],
  request: {
    params: pluginNameParams,
    body: z.record(z.string(), z.unknown()).meta({ description: "The plugin's settings" }),
  },
  responses: {
    200: { description: 'The plugin with its new settings applied', schema: pluginSchema },
    404: errorResponse('No plugin has this name'),
  },
  handler: async ({ deps, params, body }) => toPluginWire(await deps.plugins.configure(params.name, body)),
});

export const getPluginConfigRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/plugins/{name}/config',
  operationId: 'getPluginConfig',
  errors: ['plugin_not_found'],
  permission: 'plugins:admin',
  summary: "A plugin's stored settings",
  description: 'What `PUT` last stored (`{}` when nothing was). Secrets are not settings: they live in the vault and are never returned.',
  tags: ['plugins'],
  request: { params: pluginNameParams },
  responses: {
    200: { description: 'The stored settings', schema: z.record(z.string(), z.unknown()) },
    404: errorResponse('No plugin has this name'),
  },
  handler: ({ deps, params }) => deps.plugins.storedConfig(params.name),
});
