// WebSocket fan-out: 1,000 clients in one workflow room, `step.succeeded` emitted on the bus at
// 1,000 events/s for 10 s; deliveries per second (all clients together) and lag (receive time
// minus emit time, carried in the event). Target: p99 lag under 100 ms.
// The server (API + gateway + event bus) runs in this process; the `ws` clients run in child
// processes (BENCH_WS_CLIENT_PROCS, default 3) so they do not share the server's event loop:
// receiving 1,000,000 messages/s costs the clients more CPU than sending them costs the server, and
// one client process saturates its core long before the server does.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHttpServer, WEBSOCKET_PATH, WEBSOCKET_STATS_PATH, type ApiDeps } from '@dwc/api';
import { createEventBus } from '@dwc/runtime';
import { pino } from 'pino';
import WebSocket from 'ws';
import { fakeAuth, testPrincipal } from '../core/api/src/test-support/fake-auth.js';
import { report, type Row } from './lib/report.js';

const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1_000);
const CLIENT_PROCS = Number(process.env.BENCH_WS_CLIENT_PROCS ?? 3);
const RATE = Number(process.env.BENCH_WS_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_WS_SECONDS ?? 10);
/** Clients connecting at once. */
const CONNECT_BATCH = 50;
/** After the last emit, how long the clients may take to receive what is still in flight. */
const DRAIN_MS = 15_000;
const TOKEN = 'bench-token-bench-token-bench';
const WORKFLOW = 'wf-bench';
const CLIENT_ROLE = '--ws-fanout-clients';
const TARGET = { p99LagMs: 100 };
/** Lag histogram: 0.1 ms buckets up to 60 s. */
const BUCKET_MS = 0.1;
const BUCKETS = 600_000;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const now = (): number => performance.timeOrigin + performance.now();

type ToClients = { kind: 'start'; url: string; clients: number; expected: number } | { kind: 'finish' };
type Done = {
  kind: 'done';
  /** Sparse lag histogram: [bucket, count] pairs. */
  histogram: [number, number][];
  count: number;
  maxMs: number;
  /** Deliveries per wall-clock second: [epoch second, count] pairs. */
  perSecond: [number, number][];
  firstAt: number;
  lastAt: number;
  complete: boolean;
};
type FromClients = { kind: 'ready'; connected: number } | Done;

// ---- client side (child process) ----

const SENT_AT = Buffer.from('"sent_at":');
/** Where `"sent_at":` sits: the emitter puts it first in the payload. */
const SENT_AT_OFFSET = Buffer.byteLength('{"type":"step.succeeded",');

function startsAt(data: Buffer, offset: number): boolean {
  if (data.length < offset + SENT_AT.length) return false;
  for (let i = 0; i < SENT_AT.length; i++) if (data[offset + i] !== SENT_AT[i]) return false;
  return true;
}

/** Reads `"sent_at":<number>` from the raw message without parsing the whole JSON (client CPU is the scarce part). */
function sentAt(data: Buffer): number {
  const key = startsAt(data, SENT_AT_OFFSET) ? SENT_AT_OFFSET : data.indexOf(SENT_AT);
  if (key < 0) return Number.NaN;
  let value = 0;
  let fraction = false;
  let scale = 1;
  for (let i = key + SENT_AT.length; i < data.length; i++) {
    const c = data[i]!;
    if (c === 46) fraction = true;
    else if (c >= 48 && c <= 57) {
      if (fraction) value += (c - 48) / (scale *= 10);
      else value = value * 10 + (c - 48);
    } else break;
  }
  return value;
}

async function runClients(job: Extract<ToClients, { kind: 'start' }>): Promise<void> {
  const histogram = new Uint32Array(BUCKETS);
  const perSecond = new Map<number, number>();
  let count = 0;
  let maxMs = 0;
  let firstAt = 0;
  let lastAt = 0;
  /** The wall-clock second being counted, its end, and its deliveries so far. */
  let second = 0;
  let secondEnds = 0;
  let inSecond = 0;
  const sockets: WebSocket[] = [];
  let finished = false;

  const finish = (complete: boolean): void => {
    if (finished) return;
    finished = true;
    if (inSecond > 0) perSecond.set(second, inSecond);
    const sparse: [number, number][] = [];
    histogram.forEach((n, i) => void (n > 0 && sparse.push([i, n])));
    const done: Done = { kind: 'done', histogram: sparse, count, maxMs, perSecond: [...perSecond], firstAt, lastAt, complete };
    process.send!(done, () => {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    });
  };

  const onMessage = (data: Buffer): void => {
    const sent = sentAt(data);
    if (!(sent > 0)) return;
    const received = now();
    const lag = received - sent;
    if (firstAt === 0) firstAt = received;
    lastAt = received;
    if (received >= secondEnds) {
      if (inSecond > 0) perSecond.set(second, inSecond);
      second = Math.floor(received / 1000);
      secondEnds = (second + 1) * 1000;
      inSecond = 0;
    }
    inSecond += 1;
    histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(lag / BUCKET_MS)))]! += 1;
    if (lag > maxMs) maxMs = lag;
    count += 1;
    if (count === job.expected) finish(true);
  };

  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${job.url}?token=${TOKEN}`, { skipUTF8Validation: true, perMessageDeflate: false });
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'join_workflow', workflow_id: WORKFLOW })));
      const untilJoined = (data: Buffer): void => {
        if (data.indexOf('"joined"') < 0) return;
        ws.off('message', untilJoined);
        ws.on('message', onMessage);
        ws.off('error', reject);
        ws.on('error', () => undefined);
        sockets.push(ws);
        resolve();
      };
      ws.on('message', untilJoined);
    });

  process.on('message', (message: ToClients) => {
    if (message.kind === 'finish') finish(false);
  });
  for (let i = 0; i < job.clients; i += CONNECT_BATCH) {
    await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, job.clients - i) }, open));
  }
  process.send!({ kind: 'ready', connected: sockets.length } satisfies FromClients);
}

// ---- server side (this process) ----

function percentileOf(histogram: Map<number, number>, count: number, p: number): number {
  const rank = Math.ceil((p / 100) * count);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return (bucket + 1) * BUCKET_MS;
  }
  return Number.NaN;
}

function waitFor<K extends FromClients['kind']>(child: ChildProcess, kind: K, timeoutMs: number): Promise<Extract<FromClients, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clients did not report "${kind}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromClients): void => {
      if (message.kind !== kind) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as Extract<FromClients, { kind: K }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`client process exited with ${code} before reporting "${kind}"`));
    });
  });
}

/** Emits `step.succeeded` at RATE per second for SECONDS, catching up whenever a timer tick comes late. */
function emitEvents(events: ApiDeps['events'], total: number): Promise<void> {
  const step = { workflow_id: WORKFLOW, execution_id: 'ex-bench', version: 1, step_id: 'summarise', status: 'succeeded', output: { words: 42, ok: true } };
  const started = performance.now();
  let emitted = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      while (emitted < due) {
        events.emit('step.succeeded', { sent_at: now(), seq: emitted, ...step });
        emitted += 1;
      }
      if (emitted >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
}

async function runServer(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const events = createEventBus(logger);
  const unused = async (): Promise<never> => Promise.reject(new Error('not used by this bench'));
  const deps: ApiDeps = {
    logger,
    version: 'bench',
    http: { corsOrigins: [], bodyLimit: '100kb', trustProxy: false },
    auth: fakeAuth({ [TOKEN]: testPrincipal('bench-user', 'viewer') }),
    health: { readiness: async () => ({ status: 'ok', checks: [] }) },
    engine: {} as ApiDeps['engine'], // not reached: only the WebSocket gateway is exercised
    audit: {} as ApiDeps['audit'],
    vault: {} as ApiDeps['vault'],
    ai: {} as ApiDeps['ai'],
    notifications: {} as ApiDeps['notifications'],
    events,
    cache: { stats: unused, clear: unused, delete: unused },
    plugins: { list: () => [], setEnabled: unused, configure: unused, storedConfig: unused },
  };
  const server = await startHttpServer({ deps, port: 0, host: '127.0.0.1' });
  const total = RATE * SECONDS;
  const children: ChildProcess[] = [];
  try {
    const url = `${server.url.replace('http', 'ws')}${WEBSOCKET_PATH}`;
    const connectStarted = performance.now();
    const ready: Promise<Extract<FromClients, { kind: 'ready' }>>[] = [];
    const done: Promise<Done>[] = [];
    for (let i = 0; i < CLIENT_PROCS; i++) {
      const clients = Math.floor(CLIENTS / CLIENT_PROCS) + (i < CLIENTS % CLIENT_PROCS ? 1 : 0);
      const child = fork(fileURLToPath(import.meta.url), [CLIENT_ROLE], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      ready.push(waitFor(child, 'ready', 120_000));
      done.push(waitFor(child, 'done', SECONDS * 1000 + DRAIN_MS + 60_000));
      child.send({ kind: 'start', url, clients, expected: clients * total } satisfies ToClients);
    }
    const connected = (await Promise.all(ready)).reduce((sum, r) => sum + r.connected, 0);
    const connectMs = performance.now() - connectStarted;

    const cpuBefore = process.cpuUsage();
    const emitStarted = performance.now();
    await emitEvents(events, total);
    const emitSeconds = (performance.now() - emitStarted) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const drainTimer = setTimeout(() => {
      for (const child of children) child.send({ kind: 'finish' } satisfies ToClients);
    }, DRAIN_MS);
    const results = await Promise.all(done);
    clearTimeout(drainTimer);
    const stats = (await (await fetch(`${server.url}${WEBSOCKET_STATS_PATH}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, number>;

    const histogram = new Map<number, number>();
    const perSecond = new Map<number, number>();
    for (const result of results) {
      for (const [bucket, n] of result.histogram) histogram.set(bucket, (histogram.get(bucket) ?? 0) + n);
      for (const [second, n] of result.perSecond) perSecond.set(second, (perSecond.get(second) ?? 0) + n);
    }
    const count = results.reduce((sum, r) => sum + r.count, 0);
    const windowMs = Math.max(...results.map((r) => r.lastAt)) - Math.min(...results.map((r) => r.firstAt));
    const seconds = [...perSecond.keys()].sort((a, b) => a - b);
    const full = seconds.slice(1, -1).map((second) => perSecond.get(second)!);
    const p50 = percentileOf(histogram, count, 50);
    const p99 = percentileOf(histogram, count, 99);
    const complete = results.every((r) => r.complete);
    const rows: Row[] = [
      {
        clients: connected,
        'client procs': CLIENT_PROCS,
        'events/s': RATE,
        seconds: SECONDS,
        'delivered/s (mean)': Math.round(count / Math.max(emitSeconds, windowMs / 1000)),
        'delivered/s (min full s)': full.length > 0 ? Math.min(...full) : 0,
        delivered: `${count}/${CLIENTS * total}`,
        'lag p50 ms': p50.toFixed(1),
        'lag p99 ms': p99.toFixed(1),
        'lag max ms': Math.max(...results.map((r) => r.maxMs)).toFixed(1),
        'dropped slow': stats.dropped_slow ?? 0,
        'server CPU % (emit)': Math.round(((cpu.user + cpu.system) / 1000 / (emitSeconds * 1000)) * 100),
        'meets target': p99 < TARGET.p99LagMs && complete ? 'yes' : 'NO',
      },
    ];
    report('ws-fanout', rows, {
      target: TARGET,
      connect_ms: Math.round(connectMs),
      delivered_per_second: seconds.map((second) => perSecond.get(second)),
      note: `server (API, gateway, event bus) in this process; ${CLIENTS} ws clients in ${CLIENT_PROCS} child process(es); lag = client receive time - emit time (same host clock)`,
    });
  } finally {
    for (const child of children) child.kill();
    await server.close();
  }
}

if (process.argv.includes(CLIENT_ROLE)) {
  process.once('message', (job: ToClients) => {
    if (job.kind === 'start') void runClients(job);
  });
} else {
  await runServer();
}
