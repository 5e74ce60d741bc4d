import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { pluginSchema, toPluginWire } from './plugin-wire.js';

export const listPluginsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/plugins',
  operationId: 'listPlugins',
  permission: 'plugins:read',
  summary: 'List installed plugins with their state, capabilities and permissions',
  tags: ['plugins'],
  responses: {
    200: { description: 'Every discovered plugin, failed ones included', schema: z.object({ plugins: z.array(pluginSchema) }) },
  },
  handler: ({ deps }) => ({ plugins: deps.plugins.list().map(toPluginWire) }),
});
