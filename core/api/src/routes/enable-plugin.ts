import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { pluginNameParams, pluginSchema, toPluginWire } from './plugin-wire.js';

export const enablePluginRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/plugins/{name}/enable',
  operationId: 'enablePlugin',
  errors: ['plugin_not_found', 'plugin_not_loadable'],
  permission: 'plugins:admin',
  summary: 'Enable a plugin',
  tags: ['plugins'],
  request: { params: pluginNameParams },
  responses: {
    200: { description: 'The plugin in its new state', schema: pluginSchema },
    404: errorResponse('No plugin has this name'),
  },
  handler: async ({ deps, params }) => toPluginWire(await deps.plugins.setEnabled(params.name, true)),
});
