import type { Connection } from './connection.js';

/**
 * Every `intervalMs`, terminates each connection that has not answered (pong) the previous ping,
 * then pings the rest. The connection's `pong` handler sets `alive`. Returns the stop function.
 */
export function startHeartbeat(options: { intervalMs: number; connections: () => Iterable<Connection>; onDead: (connection: Connection) => void }): () => void {
  const timer = setInterval(() => {
    for (const connection of options.connections()) {
      if (!connection.alive) {
        options.onDead(connection);
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
