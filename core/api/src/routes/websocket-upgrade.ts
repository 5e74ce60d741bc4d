import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { errorResponse } from '../error-response.js';
import { HttpStatusError } from '../http-status-error.js';
import { WEBSOCKET_PATH } from '../websocket/paths.js';

export const websocketUpgradeRoute = defineRoute({
  method: 'GET',
  path: WEBSOCKET_PATH,
  operationId: 'openWebSocket',
  errors: ['upgrade_required', 'invalid_connection_id', 'connection_id_in_use'],
  permission: 'events:read',
  summary: 'Live events over a WebSocket',
  description: [
    'Open with `Upgrade: websocket`. Authenticate with `?token=` or the Authorization header; `user_id` comes from the token. A plain GET gets 426.',
    'On open the server sends `{"type": "connection.ready", "connection_id", "user_id", "timestamp"}`.',
    'Client messages: `{"type": "ping"}` (-> `pong`), `join_workflow`/`leave_workflow` with `workflow_id`, `join_execution`/`leave_execution` with `execution_id` (-> `{"type": "joined"|"left", "room", "timestamp"}`), and `{"type": "subscribe", "event_types": ["step.*", "execution.succeeded"]}` (-> `subscribed`; an empty list means all types).',
    'Server events: `execution.*`, `step.*`, `ai.token`, `notification.*`, `security.alert`, sent to the rooms `workflow:<workflow_id>`, `execution:<execution_id>` and `user:<user_id>` named in the event (each connection is in its own user room), once per connection, as `{"type", ...payload, "timestamp"}`.',
    'Malformed or invalid messages get `{"type": "error", "error": {"code", "message"}}` and the connection stays open. The server pings every 30 s and terminates a client that did not answer the last ping; a client with over 1 MiB unsent is closed with 1013 (reconnect and catch up through the REST API).',
  ].join('\n\n'),
  tags: ['websocket'],
  request: {
    query: z.object({
      token: z.string().optional().meta({ description: 'Access token, for clients that cannot set headers' }),
      connection_id: z.string().optional().meta({ description: 'Client-chosen id for this connection (1-64 of A-Z a-z 0-9 . _ : -; 409 when a live connection uses it); generated when left out' }),
    }),
  },
  responses: {
    101: { description: 'Switching Protocols: the connection is now a WebSocket' },
    400: errorResponse('connection_id is not 1-64 safe characters'),
    401: errorResponse('Missing or invalid token'),
    409: errorResponse('A live connection already uses this connection_id'),
    426: errorResponse('Not a WebSocket upgrade request'),
  },
  handler: () => {
    throw new HttpStatusError(426, 'upgrade_required', `Open ${WEBSOCKET_PATH} as a WebSocket (Upgrade: websocket).`, {
      headers: { Upgrade: 'websocket' },
    });
  },
});
