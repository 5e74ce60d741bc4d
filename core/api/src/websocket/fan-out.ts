import type { DwcEvent, EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { Connection } from './connection.js';
import type { Delivery } from './delivery.js';
import { roomName, type RoomKind, type Rooms } from './rooms.js';
import { receivesSecurityAlerts, SECURITY_ALERT_EVENT } from './security-alert-audience.js';
import { textFrame } from './text-frame.js';

/** The bus patterns WebSocket clients receive (shared/API.md, "WebSocket"). */
export const FANNED_OUT_EVENTS = ['execution.*', 'step.*', 'ai.token', 'notification.*', 'security.alert'] as const;

/** Payload field naming each kind of room an event goes to. */
const ROUTING: readonly (readonly [RoomKind, string])[] = [
  ['workflow', 'workflow_id'],
  ['execution', 'execution_id'],
  ['user', 'user_id'],
];

/** The event as one WebSocket frame, built once for every recipient; null when the payload cannot be JSON. */
function encode(event: DwcEvent, log: Logger): Buffer | null {
  const message: Record<string, unknown> = { type: event.type, ...event.payload, timestamp: event.timestamp };
  message.type = event.type;
  try {
    return textFrame(Buffer.from(JSON.stringify(message)));
  } catch (err) {
    log.error({ err, event: event.type }, 'event payload is not JSON-serialisable; not sent to WebSocket clients');
    return null;
  }
}

/**
 * Subscribes to the bus and sends each event to the rooms named by its payload's `workflow_id`,
 * `execution_id` and `user_id`. The event is encoded once, only when someone will receive it, and
 * a connection in several of those rooms gets it once. `security.alert` goes instead to every
 * open connection `receivesSecurityAlerts` admits. Returns the unsubscribe function.
 */
export function startFanOut(options: {
  events: EventBus;
  rooms: Rooms<Connection>;
  delivery: Delivery;
  log: Logger;
  /** Every open connection, for events not bound to a room. */
  connections: () => Iterable<Connection>;
}): () => void {
  const { rooms, delivery, log } = options;
  let sequence = 0;
  const targets: ReadonlySet<Connection>[] = [];

  const broadcastAlert = (event: DwcEvent): void => {
    let frame: Buffer | null | undefined;
    for (const connection of options.connections()) {
      if (!receivesSecurityAlerts(connection)) continue;
      if (connection.filter !== null && !connection.filter(event.type)) continue;
      frame ??= encode(event, log);
      if (frame === null) return;
      delivery.sendFrame(connection, frame);
    }
  };

  const fanOut = (event: DwcEvent): void => {
    if (event.type === SECURITY_ALERT_EVENT) return broadcastAlert(event);
    targets.length = 0;
    for (const [kind, field] of ROUTING) {
      if (rooms.occupied(kind) === 0) continue;
      const id = event.payload[field];
      if (typeof id !== 'string' || id === '') continue;
      const members = rooms.members(roomName(kind, id));
      if (members !== undefined) targets.push(members);
    }
    if (targets.length === 0) return;
    const stamp = ++sequence;
    let frame: Buffer | null | undefined;
    for (const members of targets) {
      for (const connection of members) {
        if (connection.lastEvent === stamp) continue;
        connection.lastEvent = stamp;
        if (connection.filter !== null && !connection.filter(event.type)) continue;
        frame ??= encode(event, log);
        if (frame === null) return;
        delivery.sendFrame(connection, frame);
      }
    }
  };

  const unsubscribes = FANNED_OUT_EVENTS.map((pattern) => options.events.on(pattern, fanOut));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
