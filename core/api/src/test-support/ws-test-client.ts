import WebSocket from 'ws';

export type Message = Record<string, unknown>;

export interface TestClient {
  ws: WebSocket;
  /** Every message received so far, parsed. */
  received: Message[];
  /** The next message not yet returned by `next`; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Message>;
  send(message: unknown): void;
  /** Resolves with the close code. */
  closed: Promise<number>;
}

/** Opens a client, waits for `connection.ready` (returned by the first `next()`), and queues what arrives. */
export function connectClient(url: string, options?: WebSocket.ClientOptions): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const received: Message[] = [];
    let read = 0;
    let waiting: (() => void) | undefined;
    const closed = new Promise<number>((resolveClosed) => ws.once('close', (code) => resolveClosed(code)));
    ws.on('message', (data) => {
      received.push(JSON.parse(String(data)) as Message);
      waiting?.();
    });
    const next = async (timeoutMs = 2_000): Promise<Message> => {
      const deadline = Date.now() + timeoutMs;
      while (read >= received.length) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no message within ${timeoutMs} ms (got ${received.length})`);
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, left);
          waiting = () => {
            clearTimeout(timer);
            wake();
          };
        });
        waiting = undefined;
      }
      return received[read++]!;
    };
    const client: TestClient = { ws, received, next, closed, send: (message) => ws.send(JSON.stringify(message)) };
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

/** The status of a refused handshake. */
export function refusal(url: string, options?: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('error', () => undefined);
  });
}
