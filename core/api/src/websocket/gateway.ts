import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ApiDeps } from '../api-deps.js';
import { principalAllows } from '@dwc/runtime';
import { bearerToken } from '../authenticate.js';
import { requestMeta } from '../request-meta.js';
import type { Principal } from '../define-route.js';
import { WEBSOCKET_PATH } from './paths.js';
import { handleClientMessage, leaveAllRooms } from './client-message-handler.js';
import { parseClientMessage } from './client-messages.js';
import { createConnection, type Connection } from './connection.js';
import { createDelivery } from './delivery.js';
import { startFanOut } from './fan-out.js';
import { createCounters, type WebSocketStats, type WebSocketStatsSource } from './gateway-stats.js';
import { startHeartbeat } from './heartbeat.js';
import type { GateRefusal } from '../gates/http-gate.js';
import { refuseUpgrade } from './refuse-upgrade.js';
import { createRooms } from './rooms.js';

const MAX_MESSAGE_BYTES = 64 * 1024;
const CLOSE_GOING_AWAY = 1001;
/** Application close code: the credential the socket was opened with has expired. */
export const CLOSE_TOKEN_EXPIRED = 4001;
/** setTimeout's limit; longer-lived credentials (API keys) simply are not timed. */
const MAX_TIMER_MS = 2_147_483_647;
const CONNECTION_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** The permission of `GET /api/v3/ws/ws` in the route table: every role holds it; API keys need the scope. */
const CONNECT_PERMISSION = 'events:read';

export interface WebSocketGatewayOptions {
  /** Protocol ping interval; a client that has not answered the previous ping is terminated. Default 30 s. */
  heartbeatMs?: number;
  /** A client holding more than this many unsent bytes is dropped (1013) instead of sent to. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Rooms one connection may join by message. Default 100. */
  maxRoomsPerConnection?: number;
  /** Checked before anything else on every upgrade (the server's gates): a refusal ends it. */
  admit?: (req: IncomingMessage) => GateRefusal | undefined;
}

export interface WebSocketGateway extends WebSocketStatsSource {
  /** Open connections. */
  readonly size: number;
  /** Accepts upgrades on `WEBSOCKET_PATH` of this server (once; `close()` detaches). */
  attach(server: Server): void;
  /**
   * Refuses new upgrades, stops listening to the bus, closes every client with 1001 and waits for
   * them to go (terminating those still open after `timeoutMs`).
   */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The WebSocket gateway: authenticated connections (token from `?token=` or `Authorization:
 * Bearer`, checked by `deps.auth.auth.verifyBearer`; access tokens close the socket with 4001 when they expire), rooms per workflow, execution and user, bus events
 * fanned out to those rooms, heartbeats, a bounded send buffer per client, and stats.
 */
export function createWebSocketGateway(deps: ApiDeps, options: WebSocketGatewayOptions = {}): WebSocketGateway {
  const maxRoomsPerConnection = options.maxRoomsPerConnection ?? 100;
  let wss: WebSocketServer | undefined;
  const log = deps.logger.child({ component: 'websocket' });
  const startedAt = new Date().toISOString();
  const counters = createCounters();
  const rooms = createRooms<Connection>();
  const connections = new Map<string, Connection>();
  /** Ids whose upgrade is under way. */
  const pending = new Set<string>();
  const delivery = createDelivery({ maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024, counters, log });
  const messageContext = { rooms, delivery, maxRoomsPerConnection };
  const stopFanOut = startFanOut({ events: deps.events, rooms, delivery, log, connections: () => connections.values() });
  const stopHeartbeat = startHeartbeat({
    intervalMs: options.heartbeatMs ?? 30_000,
    connections: () => connections.values(),
    onDead: (connection) => {
      counters.terminatedDead += 1;
      log.debug({ connection_id: connection.id }, 'websocket client missed a heartbeat; terminated');
      connection.ws.terminate();
    },
  });
  const servers = new Set<Server>();
  let closing = false;

  function connect(ws: WebSocket, socket: Duplex, principal: Principal, connectionId: string): void {
    const connection = createConnection(connectionId, principal, ws, socket);
    // An access token that expires while the socket is open closes it; the client reconnects with a fresh one.
    const expiry = principal.expiresAt === null ? undefined : setTimeout(() => {
      if (ws.readyState === ws.OPEN) ws.close(CLOSE_TOKEN_EXPIRED, 'token expired; reconnect with a fresh token');
    }, Math.max(0, Math.min(principal.expiresAt - Date.now(), MAX_TIMER_MS)));
    expiry?.unref();
    const connectionLog = log.child({ connection_id: connectionId, subject: principal.subject });
    connections.set(connectionId, connection);
    deps.metrics?.app.websocketConnections(connections.size);
    rooms.join('user', connection.userId, connection);
    ws.on('pong', () => void (connection.alive = true));
    ws.on('message', (data, isBinary) => {
      counters.messagesIn += 1;
      const parsed = parseClientMessage(data, isBinary);
      if (parsed.ok) handleClientMessage(connection, parsed.message, messageContext);
      else delivery.sendMessage(connection, { type: 'error', error: { code: parsed.code, message: parsed.message } });
    });
    ws.on('error', (err) => connectionLog.warn({ err }, 'websocket error'));
    ws.on('close', (code) => {
      clearTimeout(expiry);
      connections.delete(connectionId);
      deps.metrics?.app.websocketConnections(connections.size);
      leaveAllRooms(connection, rooms);
      connectionLog.debug({ code }, 'websocket closed');
    });
    connectionLog.debug('websocket connected');
    delivery.sendMessage(connection, { type: 'connection.ready', connection_id: connectionId, user_id: connection.userId, timestamp: new Date().toISOString() });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refusal = options.admit?.(req);
    if (refusal !== undefined) return refuseUpgrade(socket, refusal.status, refusal.code, refusal.message);
    if (url.pathname !== WEBSOCKET_PATH) return refuseUpgrade(socket, 404, 'not_found', `No WebSocket endpoint at ${url.pathname}; use ${WEBSOCKET_PATH}.`);
    if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'The server is shutting down; reconnect shortly.');
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    const principal = token === undefined || token === '' ? null : await deps.auth.auth.verifyBearer(token, requestMeta(req));
    if (principal === null) {
      return refuseUpgrade(socket, 401, 'unauthenticated', 'Send a valid token as ?token= or "Authorization: Bearer <token>".', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if (!principalAllows(principal, CONNECT_PERMISSION)) {
      return refuseUpgrade(socket, 403, 'forbidden', `Live events need the permission "${CONNECT_PERMISSION}", which this credential does not grant.`);
    }
    if (socket.destroyed) return;
    if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'The server is shutting down; reconnect shortly.');
    const requested = url.searchParams.get('connection_id');
    if (requested !== null && !CONNECTION_ID.test(requested)) {
      return refuseUpgrade(socket, 400, 'invalid_connection_id', 'connection_id must be 1-64 characters from A-Z a-z 0-9 . _ : -, or left out.');
    }
    if (requested !== null && (connections.has(requested) || pending.has(requested))) {
      return refuseUpgrade(socket, 409, 'connection_id_in_use', `A live connection already uses connection_id "${requested}"; pick another or leave it out.`);
    }
    const connectionId = requested ?? randomUUID();
    pending.add(connectionId);
    const release = (): void => void pending.delete(connectionId);
    socket.once('close', release);
    (wss ??= newWebSocketServer()).handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', release);
      release();
      connect(ws, socket, principal, connectionId);
    });
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => log.debug({ err }, 'socket error during upgrade'));
    upgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err }, 'websocket upgrade failed');
      if (!socket.destroyed) refuseUpgrade(socket, 500, 'internal_error', 'The upgrade failed on our side.');
    });
  };

  return {
    get size() {
      return connections.size;
    },
    attach(server) {
      if (servers.has(server)) return;
      servers.add(server);
      server.on('upgrade', onUpgrade);
    },
    stats: (): WebSocketStats => ({
      connections: connections.size,
      rooms: rooms.counts(),
      messages_in: counters.messagesIn,
      messages_out: counters.messagesOut,
      dropped_slow: counters.droppedSlow,
      terminated_dead: counters.terminatedDead,
      started_at: startedAt,
    }),
    close: async (timeoutMs = 5_000) => {
      if (!closing) {
        closing = true;
        stopFanOut();
        stopHeartbeat();
      }
      const open = [...connections.values()].map((connection) => connection.ws);
      const closed = open.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()))));
      for (const ws of open) ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      const timer = setTimeout(() => {
        for (const ws of open) ws.terminate();
      }, timeoutMs);
      await Promise.all(closed);
      clearTimeout(timer);
      for (const server of servers) server.off('upgrade', onUpgrade);
      servers.clear();
      if (wss) await new Promise<void>((resolve) => wss!.close(() => resolve()));
    },
  };
}

/** Creates a gateway and attaches it to `server`. */
export function attachWebSocket(server: Server, deps: ApiDeps, options?: WebSocketGatewayOptions): WebSocketGateway {
  const gateway = createWebSocketGateway(deps, options);
  gateway.attach(server);
  return gateway;
}

/** ws is required with the first upgrade, not at start: many processes never see one. */
function newWebSocketServer(): WebSocketServer {
  const { WebSocketServer: Server } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WebSocketServer };
  return new Server({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false });
}
