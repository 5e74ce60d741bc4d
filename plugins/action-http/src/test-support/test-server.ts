import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StepContext } from '@dwc/sdk';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A real HTTP server on 127.0.0.1 and a free port, answering by path; closed with `close()`. */
export async function startServer(routes: Record<string, Handler>): Promise<{ origin: string; port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const handler = routes[path];
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
        return;
      }
      handler(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const noop = () => undefined;
const silentLog = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => silentLog };

/** A StepContext for one attempt; `signal` defaults to one that never aborts. */
export function stepContext(signal: AbortSignal = new AbortController().signal): StepContext {
  return {
    executionId: 'exec-1',
    workflowId: 'wf-1',
    stepId: 'call',
    attempt: 1,
    signal,
    log: silentLog,
    emitDocument: noop,
  };
}
