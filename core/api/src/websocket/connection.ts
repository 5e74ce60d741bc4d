import type { Duplex } from 'node:stream';
import type { Principal } from '@dwc/runtime';
import type { WebSocket } from 'ws';
import type { EventFilter } from './event-filter.js';
import type { RoomKind } from './rooms.js';

/** One open WebSocket and what it listens to. */
export interface Connection {
  readonly id: string;
  /** The verified token's subject; the connection is always in `user:<userId>`. */
  readonly userId: string;
  /** Who authenticated the socket; room joins are checked against it. */
  readonly principal: Principal;
  readonly ws: WebSocket;
  /** The upgraded socket under `ws`; events are written to it as ready-made frames. */
  readonly socket: Duplex;
  /** Rooms joined by message (not the user room), by name. */
  readonly joined: Map<string, { kind: RoomKind; id: string }>;
  /** Event types it wants; null for all. */
  filter: EventFilter | null;
  /** Answered (pong) since the last heartbeat ping. */
  alive: boolean;
  /** Sequence number of the last event sent to it, so a member of several matching rooms gets an event once. */
  lastEvent: number;
  /** The socket is corked until the end of this event-loop turn (see delivery.ts). */
  corked: boolean;
}

export function createConnection(id: string, principal: Principal, ws: WebSocket, socket: Duplex): Connection {
  return { id, userId: principal.subject, principal, ws, socket, joined: new Map(), filter: null, alive: true, lastEvent: 0, corked: false };
}
