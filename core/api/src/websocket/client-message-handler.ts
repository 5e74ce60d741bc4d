import { principalAllows } from '@dwc/runtime';
import type { ClientMessage } from './client-messages.js';
import type { Connection } from './connection.js';
import type { Delivery } from './delivery.js';
import { compileEventFilter } from './event-filter.js';
import { roomName, type RoomKind, type Rooms } from './rooms.js';

export interface ClientMessageContext {
  rooms: Rooms<Connection>;
  delivery: Delivery;
  /** Rooms a connection may join by message (its own user room does not count). */
  maxRoomsPerConnection: number;
}

const now = (): string => new Date().toISOString();

/** Joining a workflow or execution room reads workflow data: `workflows:read` (every role; API keys need the scope). */
export const ROOM_PERMISSION = 'workflows:read';

function join(connection: Connection, kind: RoomKind, id: string, ctx: ClientMessageContext): void {
  const room = roomName(kind, id);
  if (!principalAllows(connection.principal, ROOM_PERMISSION)) {
    return ctx.delivery.sendMessage(connection, {
      type: 'error',
      error: { code: 'forbidden', message: `Joining ${room} needs the permission "${ROOM_PERMISSION}", which this credential does not grant.` },
    });
  }
  if (!connection.joined.has(room)) {
    if (connection.joined.size >= ctx.maxRoomsPerConnection) {
      return ctx.delivery.sendMessage(connection, {
        type: 'error',
        error: { code: 'too_many_rooms', message: `A connection may join at most ${ctx.maxRoomsPerConnection} rooms; leave one before joining ${room}.` },
      });
    }
    connection.joined.set(room, { kind, id });
    ctx.rooms.join(kind, id, connection);
  }
  ctx.delivery.sendMessage(connection, { type: 'joined', room, timestamp: now() });
}

function leave(connection: Connection, kind: RoomKind, id: string, ctx: ClientMessageContext): void {
  const room = roomName(kind, id);
  if (connection.joined.delete(room)) ctx.rooms.leave(kind, id, connection);
  ctx.delivery.sendMessage(connection, { type: 'left', room, timestamp: now() });
}

/** Acts on one valid client message and replies to it. */
export function handleClientMessage(connection: Connection, message: ClientMessage, ctx: ClientMessageContext): void {
  switch (message.type) {
    case 'ping':
      return ctx.delivery.sendMessage(connection, { type: 'pong', timestamp: now() });
    case 'join_workflow':
      return join(connection, 'workflow', message.workflow_id, ctx);
    case 'leave_workflow':
      return leave(connection, 'workflow', message.workflow_id, ctx);
    case 'join_execution':
      return join(connection, 'execution', message.execution_id, ctx);
    case 'leave_execution':
      return leave(connection, 'execution', message.execution_id, ctx);
    case 'subscribe':
      connection.filter = compileEventFilter(message.event_types);
      return ctx.delivery.sendMessage(connection, { type: 'subscribed', event_types: message.event_types, timestamp: now() });
  }
}

/** Takes a closed connection out of every room it was in. */
export function leaveAllRooms(connection: Connection, rooms: Rooms<Connection>): void {
  for (const { kind, id } of connection.joined.values()) rooms.leave(kind, id, connection);
  connection.joined.clear();
  rooms.leave('user', connection.userId, connection);
}
