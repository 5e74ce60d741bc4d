import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { HttpStatusError } from '../http-status-error.js';
import { webSocketStatsSchema } from '../websocket/gateway-stats.js';
import { WEBSOCKET_STATS_PATH } from '../websocket/paths.js';

export const websocketStatsRoute = defineRoute({
  method: 'GET',
  path: WEBSOCKET_STATS_PATH,
  operationId: 'getWebSocketStats',
  errors: ['websocket_unavailable'],
  permission: 'system:read',
  summary: 'WebSocket gateway stats',
  description: 'Open connections, rooms by kind, messages in and out, and clients dropped for being slow or missing heartbeats, since the gateway started.',
  tags: ['websocket'],
  responses: {
    200: { description: 'The gateway stats', schema: webSocketStatsSchema },
    503: errorResponse('This server runs without a WebSocket gateway'),
  },
  handler: ({ api }) => {
    if (api.websocket === undefined) throw new HttpStatusError(503, 'websocket_unavailable', 'This server runs without a WebSocket gateway; stats are served by `dwc serve`.');
    return api.websocket.stats();
  },
});
