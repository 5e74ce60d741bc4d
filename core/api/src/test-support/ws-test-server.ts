import type { EventBus } from '@dwc/sdk';
import { startHttpServer, type RunningHttpServer } from '../http-server.js';
import type { WebSocketGatewayOptions } from '../websocket/gateway.js';
import { WEBSOCKET_PATH } from '../websocket/paths.js';
import { fakeDeps, GOOD_TOKEN } from './fake-deps.js';

export interface TestGatewayServer {
  server: RunningHttpServer;
  events: EventBus;
  /** Bus subscriptions the gateway holds now. */
  subscriptions(): number;
  /** `ws://.../api/v3/ws/ws?token=<good>` plus `query`. */
  wsUrl(query?: string): string;
  close(): Promise<void>;
}

/** The real HTTP server with the gateway on 127.0.0.1, a free port and the fake deps' in-memory bus. */
export async function startTestGateway(websocket: WebSocketGatewayOptions = {}): Promise<TestGatewayServer> {
  const { deps } = fakeDeps();
  const bus = deps.events;
  let subscriptions = 0;
  deps.events = {
    emit: (type, payload) => bus.emit(type, payload),
    on: (pattern, handler) => {
      subscriptions += 1;
      const off = bus.on(pattern, handler);
      return () => {
        subscriptions -= 1;
        off();
      };
    },
  };
  const server = await startHttpServer({ deps, port: 0, host: '127.0.0.1', websocket });
  const base = `${server.url.replace('http', 'ws')}${WEBSOCKET_PATH}`;
  return {
    server,
    events: bus,
    subscriptions: () => subscriptions,
    wsUrl: (query = '') => `${base}?token=${GOOD_TOKEN}${query === '' ? '' : `&${query}`}`,
    close: () => server.close(),
  };
}
