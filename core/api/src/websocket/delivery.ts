import type { Logger } from 'pino';
import type { Connection } from './connection.js';
import type { GatewayCounters } from './gateway-stats.js';
import type { ControlMessage } from './server-messages.js';

/** "Try again later": the server dropped a client that could not keep up. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** How long a dropped client's close frame may take before the socket is cut. */
const DROP_GRACE_MS = 1_000;

export interface Delivery {
  /**
   * Writes a ready-made text frame (see `textFrame`), shared by every recipient and never copied.
   * Skips a connection that is not open; drops (1013, then terminates) and counts one that holds
   * more than the buffer limit unsent. Frames sent in one event-loop turn leave in one write.
   */
  sendFrame(connection: Connection, frame: Buffer): void;
  /** Sends a reply or notice through `ws`, with the same buffer check. */
  sendMessage(connection: Connection, message: ControlMessage): void;
}

export function createDelivery(options: { maxBufferedBytes: number; counters: GatewayCounters; log: Logger }): Delivery {
  const { maxBufferedBytes, counters, log } = options;
  const corked: Connection[] = [];
  let flushing = false;

  const flush = (): void => {
    flushing = false;
    for (const connection of corked) {
      connection.corked = false;
      connection.socket.uncork();
    }
    corked.length = 0;
  };

  const drop = (connection: Connection): void => {
    const { ws } = connection;
    counters.droppedSlow += 1;
    log.warn({ connection_id: connection.id, buffered_bytes: ws.bufferedAmount }, 'websocket client too slow; dropped');
    // The close frame queues behind the full buffer, so the socket is cut shortly after.
    ws.close(CLOSE_TRY_AGAIN_LATER, 'send buffer full; reconnect');
    setTimeout(() => ws.terminate(), DROP_GRACE_MS).unref();
  };

  /**
   * Whether the connection may be written to now. The buffer is checked on the first write of a
   * turn, before corking: what was written since is this turn's burst, not the client's backlog.
   */
  const writable = (connection: Connection): boolean => {
    if (connection.ws.readyState !== connection.ws.OPEN) return false;
    if (connection.corked) return true;
    if (connection.ws.bufferedAmount > maxBufferedBytes) {
      drop(connection);
      return false;
    }
    connection.corked = true;
    connection.socket.cork();
    corked.push(connection);
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
    return true;
  };

  return {
    sendFrame(connection, frame) {
      if (!writable(connection)) return;
      connection.socket.write(frame);
      counters.messagesOut += 1;
    },
    sendMessage(connection, message) {
      if (!writable(connection)) return;
      connection.ws.send(JSON.stringify(message));
      counters.messagesOut += 1;
    },
  };
}
