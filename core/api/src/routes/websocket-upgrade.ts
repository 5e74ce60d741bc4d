import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { HttpStatusError } from '../http-status-error.js';
import { WEBSOCKET_PATH } from '../websocket.js';

export const websocketUpgradeRoute = defineRoute({
  method: 'GET',
  path: WEBSOCKET_PATH,
  operationId: 'openWebSocket',
  summary: 'Live events over a WebSocket',
  description:
    'Open with `Upgrade: websocket`. Authenticate with `?token=` or the Authorization header. Send `{"type": "ping"}` to get `{"type": "pong", "timestamp"}`; unknown or malformed messages get `{"type": "error", "error": {"code", "message"}}`. A plain GET gets 426.',
  tags: ['websocket'],
  request: {
    query: z.object({
      token: z.string().optional().meta({ description: 'Access token, for clients that cannot set headers' }),
      connection_id: z.string().optional().meta({ description: 'Client-chosen id for this connection' }),
    }),
  },
  responses: {
    101: { description: 'Switching Protocols: the connection is now a WebSocket' },
    426: errorResponse('Not a WebSocket upgrade request'),
  },
  handler: () => {
    throw new HttpStatusError(426, 'upgrade_required', `Open ${WEBSOCKET_PATH} as a WebSocket (Upgrade: websocket).`, {
      headers: { Upgrade: 'websocket' },
    });
  },
});
