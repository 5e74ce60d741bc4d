// Shared plumbing for the fake AI vendors: a node:http server on 127.0.0.1 that records requests,
// plus writers for JSON, server-sent events and NDJSON. Each vendor's wire format lives in its own file.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the next request gets instead of the normal answer. */
export type Scenario =
  | { kind: 'error'; status: number; headers?: Record<string, string>; message?: string }
  /** Starts a streamed answer, sends this many chunks, then destroys the socket. */
  | { kind: 'reset'; afterChunks: number }
  /** Starts a streamed answer, sends this many chunks, then goes silent with the connection open. */
  | { kind: 'stall'; afterChunks: number }
  /** Accepts the request and never answers (for timeouts and cancellation). */
  | { kind: 'hang' };

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues a scenario for the next request that honours scenarios. */
  next(scenario: Scenario): void;
  /** The queued scenario, removed from the queue. */
  take(): Scenario | undefined;
  close(): Promise<void>;
}

export type FakeHandler = (request: RecordedRequest, res: ServerResponse, server: FakeServer) => void | Promise<void>;

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue: Scenario[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : raw,
    };
    requests.push(recorded);
    try {
      await handler(recorded, res, fake);
    } catch (error) {
      if (!res.headersSent) writeJson(res, 500, { error: `fake server bug: ${(error as Error).message}` });
    }
  });
  const fake: FakeServer = {
    url: '',
    requests,
    next: (scenario) => void queue.push(scenario),
    take: () => queue.shift(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Streams `chunks` (each already a complete frame: an SSE event or an NDJSON line). A `reset` scenario
 * sends some frames and then destroys the socket; a `stall` scenario sends some and then goes silent.
 */
export async function writeStream(res: ServerResponse, contentType: string, chunks: string[], scenario?: Scenario, delayMs = 0): Promise<void> {
  const resetAfter = scenario?.kind === 'reset' ? scenario.afterChunks : undefined;
  const stallAfter = scenario?.kind === 'stall' ? scenario.afterChunks : undefined;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const started = performance.now();
  for (const [index, chunk] of chunks.entries()) {
    if (stallAfter !== undefined && index >= stallAfter) return;
    if (resetAfter !== undefined && index >= resetAfter) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.destroy();
      return;
    }
    // On a schedule of one chunk per `delayMs` (which may be under a millisecond): a late timer is caught up in a burst.
    const wait = started + index * delayMs - performance.now();
    if (delayMs > 0 && index > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
  }
  res.end();
}

/** One server-sent event frame. */
export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Splits a reply into the word-sized pieces a model would stream. */
export function tokensOf(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
