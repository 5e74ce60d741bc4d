import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { findPlugin, pluginNameParams, pluginSchema, toPluginWire } from './plugin-wire.js';

export const getPluginRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/plugins/{name}',
  operationId: 'getPlugin',
  errors: ['plugin_not_found'],
  permission: 'plugins:read',
  summary: 'Get one plugin',
  tags: ['plugins'],
  request: { params: pluginNameParams },
  responses: {
    200: { description: 'The plugin', schema: pluginSchema },
    404: errorResponse('No plugin has this name'),
  },
  handler: ({ deps, params }) => toPluginWire(findPlugin(deps, params.name)),
});
