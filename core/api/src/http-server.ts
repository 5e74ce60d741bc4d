import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@dwc/sdk';
import type { ApiDeps } from './api-deps.js';
import { createApp } from './app.js';
import type { Route } from './define-route.js';
import { passGates, sendRefusal, type HttpGate } from './gates/http-gate.js';
import { isLoopbackHost, loopbackHostGuard } from './gates/loopback-host-guard.js';
import { createWebSocketGateway, type WebSocketGatewayOptions } from './websocket/gateway.js';

export interface StartHttpServerOptions {
  deps: ApiDeps;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  routes?: readonly Route[];
  /** How long `close()` lets in-flight requests run before cutting them off. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Heartbeat, send-buffer and room limits of the WebSocket gateway. */
  websocket?: Omit<WebSocketGatewayOptions, 'admit'>;
  /**
   * Checks every request and upgrade passes before the API, in order, after the server's own
   * Host/Origin guard (on when it listens on loopback only). Given the port it listens on.
   */
  gates?: (port: number) => readonly HttpGate[];
}

export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:8000`. */
  url: string;
  port: number;
  /**
   * Graceful stop: refuses new connections, lets in-flight requests finish (then destroys what is
   * left after the timeout), closes idle keep-alive sockets and WebSocket clients (code 1001).
   */
  close(): Promise<void>;
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new ConfigError(`PORT ${port} is already in use on ${host}: stop the other process or set PORT to a free port.`, {
      code: 'port_in_use',
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new ConfigError(`PORT ${port} on ${host} needs privileges this process lacks: set PORT to 1024 or above.`, {
      code: 'port_denied',
      cause: error,
    });
  }
  return error;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, port, host));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Listening on every interface (`::`, `0.0.0.0`), the server is reached as localhost. */
function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Starts the API (HTTP and WebSocket) on one port. Rejects with a `ConfigError` naming PORT when it is taken. */
export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const { deps, port } = options;
  const host = options.host ?? '127.0.0.1';
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  // Set once the port is known (before the first request can arrive).
  let gates: readonly HttpGate[] = [];
  const admit = (req: IncomingMessage) => {
    const verdict = passGates(gates, req, undefined);
    return verdict === 'answered' ? undefined : verdict;
  };
  const gateway = createWebSocketGateway(deps, { ...options.websocket, admit });
  const app = createApp(deps, options.routes, { websocket: gateway });
  const inFlight = new Set<ServerResponse>();
  let closing = false;

  const server = createServer({ IncomingMessage: app.IncomingMessage, ServerResponse: app.ServerResponse }, (req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const verdict = passGates(gates, req, res);
    if (verdict === undefined) app(req, res);
    else if (verdict !== 'answered') sendRefusal(res, verdict);
  });

  try {
    await listen(server, port, host);
  } catch (error) {
    await gateway.close(0);
    throw error;
  }
  server.on('error', (err) => deps.logger.error({ err }, 'http server error'));

  gateway.attach(server);
  const actualPort = (server.address() as AddressInfo).port;
  gates = [...(isLoopbackHost(host) ? [loopbackHostGuard(actualPort, deps.http.corsOrigins)] : []), ...(options.gates?.(actualPort) ?? [])];
  const url = baseUrl(host, actualPort);
  deps.logger.info({ url }, 'http server listening');

  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const serverClosed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      deps.logger.warn({ in_flight: inFlight.size }, 'shutdown timeout reached; closing remaining connections');
      server.closeAllConnections();
    }, shutdownTimeoutMs);
    try {
      await Promise.all([serverClosed, gateway.close(Math.min(shutdownTimeoutMs, 5_000))]);
    } finally {
      clearTimeout(timer);
    }
    deps.logger.info({ url }, 'http server closed');
  };

  return { url, port: actualPort, close: () => (closed ??= close()) };
}
