import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ApiDeps } from './api-deps.js';
import { bearerToken } from './authenticate.js';
import type { Principal } from './define-route.js';
import { errorBody } from './error-response.js';
import { pickRequestId } from './request-context.js';

export const WEBSOCKET_PATH = '/api/v3/ws/ws';

const MAX_MESSAGE_BYTES = 64 * 1024;
const CLOSE_GOING_AWAY = 1001;

export interface WebSocketGateway {
  /** Open connections. */
  readonly size: number;
  /**
   * Refuses new upgrades, closes every client with 1001 and waits for them to go (terminating
   * those still open after `timeoutMs`).
   */
  close(timeoutMs?: number): Promise<void>;
}

function refuse(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(errorBody(code, message));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function send(ws: WebSocket, message: Record<string, unknown>): void {
  ws.send(JSON.stringify(message));
}

function sendError(ws: WebSocket, code: string, message: string): void {
  send(ws, { type: 'error', error: { code, message } });
}

function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): void {
  if (isBinary) return sendError(ws, 'malformed_message', 'Send JSON text messages such as {"type": "ping"}; binary frames are not accepted.');
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return sendError(ws, 'malformed_message', 'The message is not valid JSON; send e.g. {"type": "ping"}.');
  }
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return sendError(ws, 'malformed_message', 'A message is a JSON object with a string "type", e.g. {"type": "ping"}.');
  switch (type) {
    case 'ping':
      return send(ws, { type: 'pong', timestamp: new Date().toISOString() });
    default:
      return sendError(ws, 'unknown_message_type', `Unknown message type "${type.slice(0, 64)}"; supported: ping.`);
  }
}

/**
 * Accepts WebSocket upgrades on `GET /api/v3/ws/ws` of `server` (any other path gets 404 and is
 * closed). The token comes from `?token=` or `Authorization: Bearer`, checked by
 * `deps.auth.verifyBearer`; a refused token gets 401 before the upgrade.
 */
export function attachWebSocket(server: Server, deps: ApiDeps): WebSocketGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const log = deps.logger.child({ component: 'websocket' });
  let closing = false;

  function connect(ws: WebSocket, principal: Principal, connectionId: string): void {
    const connectionLog = log.child({ connection_id: connectionId, subject: principal.subject });
    connectionLog.debug('websocket connected');
    ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on('error', (err) => connectionLog.warn({ err }, 'websocket error'));
    ws.on('close', (code) => connectionLog.debug({ code }, 'websocket closed'));
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WEBSOCKET_PATH) return refuse(socket, 404, 'not_found', `No WebSocket endpoint at ${url.pathname}; use ${WEBSOCKET_PATH}.`);
    if (closing) return refuse(socket, 503, 'unavailable', 'The server is shutting down; reconnect shortly.');
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    const principal = token === undefined || token === '' ? null : await deps.auth.verifyBearer(token);
    if (principal === null) {
      return refuse(socket, 401, 'unauthenticated', 'Send a valid token as ?token= or "Authorization: Bearer <token>".', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if (socket.destroyed) return;
    if (closing) return refuse(socket, 503, 'unavailable', 'The server is shutting down; reconnect shortly.');
    const connectionId = pickRequestId(url.searchParams.get('connection_id') ?? undefined);
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, principal, connectionId));
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => log.debug({ err }, 'socket error during upgrade'));
    upgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err }, 'websocket upgrade failed');
      if (!socket.destroyed) refuse(socket, 500, 'internal_error', 'The upgrade failed on our side.');
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    get size() {
      return wss.clients.size;
    },
    close: async (timeoutMs = 5_000) => {
      closing = true;
      const open = [...wss.clients];
      const closed = open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of open) ws.close(CLOSE_GOING_AWAY, 'server shutting down');
      const timer = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, timeoutMs);
      await Promise.all(closed);
      clearTimeout(timer);
      server.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
