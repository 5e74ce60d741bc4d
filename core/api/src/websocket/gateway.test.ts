import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AUTH, GOOD_TOKEN, SUBJECT } from '../test-support/fake-deps.js';
import { connectClient, refusal, type TestClient } from '../test-support/ws-test-client.js';
import { startTestGateway, type TestGatewayServer } from '../test-support/ws-test-server.js';
import { webSocketStatsSchema, type WebSocketStats } from './gateway-stats.js';
import { WEBSOCKET_PATH, WEBSOCKET_STATS_PATH } from './paths.js';
import { serverMessageSchema } from './server-messages.js';

let gateway: TestGatewayServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  await gateway?.close();
  gateway = undefined;
});

async function start(options: Parameters<typeof startTestGateway>[0] = {}): Promise<TestGatewayServer> {
  gateway = await startTestGateway(options);
  return gateway;
}

/** A client whose `connection.ready` has been read. */
async function client(url: string, options?: WebSocket.ClientOptions): Promise<TestClient> {
  const opened = await connectClient(url, options);
  clients.push(opened);
  expect((await opened.next()).type).toBe('connection.ready');
  return opened;
}

async function stats(server: TestGatewayServer): Promise<WebSocketStats> {
  const res = await fetch(`${server.server.url}${WEBSOCKET_STATS_PATH}`, { headers: AUTH });
  expect(res.status).toBe(200);
  return webSocketStatsSchema.parse(await res.json());
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WebSocket gateway: connecting', () => {
  it('greets a new connection with connection.ready, a generated id and the token subject as user_id', async () => {
    const opened = await connectClient((await start()).wsUrl('user_id=someone-else'));
    clients.push(opened);
    const ready = serverMessageSchema.parse(await opened.next());
    expect(ready).toEqual({ type: 'connection.ready', connection_id: expect.stringMatching(/^[0-9a-f-]{36}$/), user_id: SUBJECT, timestamp: expect.any(String) });
  });

  it('uses the connection_id the client asks for', async () => {
    const opened = await connectClient((await start()).wsUrl('connection_id=tab-1'));
    clients.push(opened);
    expect(await opened.next()).toMatchObject({ type: 'connection.ready', connection_id: 'tab-1' });
  });

  it('refuses a connection_id a live connection uses with 409, and accepts it again once that one closed', async () => {
    const server = await start();
    const first = await client(server.wsUrl('connection_id=tab-1'));
    expect(await refusal(server.wsUrl('connection_id=tab-1'))).toBe(409);
    first.ws.close();
    await first.closed;
    await eventually(async () => (await stats(server)).connections === 0);
    await client(server.wsUrl('connection_id=tab-1'));
  });

  it('refuses a connection_id with unsafe characters or over 64 characters with 400', async () => {
    const server = await start();
    expect(await refusal(server.wsUrl('connection_id=a%20b'))).toBe(400);
    expect(await refusal(server.wsUrl(`connection_id=${'x'.repeat(65)}`))).toBe(400);
  });

  it('accepts the token from the Authorization header', async () => {
    const server = await start();
    const url = server.wsUrl().replace(`?token=${GOOD_TOKEN}`, '');
    await client(url, { headers: { Authorization: `Bearer ${GOOD_TOKEN}` } });
  });

  it('refuses a bad or missing token with 401 before the upgrade', async () => {
    const server = await start();
    expect(await refusal(server.wsUrl().replace(GOOD_TOKEN, 'wrong'))).toBe(401);
    expect(await refusal(server.wsUrl().replace(`?token=${GOOD_TOKEN}`, ''))).toBe(401);
  });

  it('refuses an upgrade on any other path with 404', async () => {
    const server = await start();
    expect(await refusal(server.wsUrl().replace(WEBSOCKET_PATH, '/api/v3/other'))).toBe(404);
  });

  it('answers a plain GET on the WebSocket path with 426', async () => {
    const server = await start();
    const res = await fetch(`${server.server.url}${WEBSOCKET_PATH}`, { headers: AUTH });
    expect(res.status).toBe(426);
  });
});

describe('WebSocket gateway: client messages', () => {
  it('answers a ping with a pong carrying a timestamp', async () => {
    const ws = await client((await start()).wsUrl());
    ws.send({ type: 'ping' });
    const pong = await ws.next();
    expect(pong.type).toBe('pong');
    expect(Number.isNaN(Date.parse(String(pong.timestamp)))).toBe(false);
  });

  it('acknowledges joining and leaving workflow and execution rooms with the room name', async () => {
    const ws = await client((await start()).wsUrl());
    ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
    expect(await ws.next()).toEqual({ type: 'joined', room: 'workflow:wf-1', timestamp: expect.any(String) });
    ws.send({ type: 'join_execution', execution_id: 'ex-1' });
    expect(await ws.next()).toMatchObject({ type: 'joined', room: 'execution:ex-1' });
    ws.send({ type: 'leave_execution', execution_id: 'ex-1' });
    expect(await ws.next()).toMatchObject({ type: 'left', room: 'execution:ex-1' });
    ws.send({ type: 'leave_workflow', workflow_id: 'wf-1' });
    expect(await ws.next()).toMatchObject({ type: 'left', room: 'workflow:wf-1' });
  });

  it('answers malformed, unknown and invalid messages with an error and keeps the connection open', async () => {
    const ws = await client((await start()).wsUrl());
    ws.ws.send('{not json');
    expect(await ws.next()).toEqual({ type: 'error', error: { code: 'malformed_message', message: expect.any(String) } });
    ws.send({ type: 'dance' });
    expect(await ws.next()).toMatchObject({ type: 'error', error: { code: 'unknown_message_type' } });
    ws.send({ type: 'join_workflow' });
    expect(await ws.next()).toMatchObject({ type: 'error', error: { code: 'invalid_message', message: expect.stringContaining('workflow_id') } });
    ws.send({ type: 'subscribe', event_types: ['step.**'] });
    expect(await ws.next()).toMatchObject({ type: 'error', error: { code: 'invalid_message' } });
    ws.send({ type: 'ping' });
    expect((await ws.next()).type).toBe('pong');
    expect(ws.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses to join more rooms than the cap with too_many_rooms, while rejoining a joined room still works', async () => {
    const ws = await client((await start({ maxRoomsPerConnection: 2 })).wsUrl());
    ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
    ws.send({ type: 'join_execution', execution_id: 'ex-1' });
    ws.send({ type: 'join_workflow', workflow_id: 'wf-2' });
    ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
    expect((await ws.next()).type).toBe('joined');
    expect((await ws.next()).type).toBe('joined');
    expect(await ws.next()).toMatchObject({ type: 'error', error: { code: 'too_many_rooms' } });
    expect(await ws.next()).toMatchObject({ type: 'joined', room: 'workflow:wf-1' });
  });
});

describe('WebSocket gateway: heartbeats and slow clients', () => {
  it('terminates a client that stops answering pings and keeps one that answers', async () => {
    const server = await start({ heartbeatMs: 40 });
    const silent = await client(server.wsUrl(), { autoPong: false });
    const healthy = await client(server.wsUrl());
    expect(await silent.closed).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    expect(await stats(server)).toMatchObject({ connections: 1, terminated_dead: 1 });
  });

  it('drops a client that stops reading while a normal client in the same room still receives every event', async () => {
    const server = await start({ maxBufferedBytes: 64 * 1024 });
    const slow = await client(server.wsUrl());
    const normal = await client(server.wsUrl());
    for (const ws of [slow, normal]) {
      ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
      await ws.next();
    }
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const blob = 'x'.repeat(32 * 1024);
    const total = 400;
    for (let seq = 0; seq < total; seq++) {
      server.events.emit('step.progress', { workflow_id: 'wf-1', seq, blob });
      expect((await normal.next()).seq).toBe(seq);
    }
    await eventually(async () => (await stats(server)).connections === 1);
    expect(await stats(server)).toMatchObject({ dropped_slow: 1, connections: 1 });
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await slow.closed;
    expect(slow.received.length).toBeLessThan(total);
  });
});

describe('WebSocket gateway: stats and shutdown', () => {
  it('counts connections, rooms by kind and messages in and out', async () => {
    const server = await start();
    const ws = await client(server.wsUrl());
    ws.send({ type: 'ping' });
    await ws.next();
    ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
    await ws.next();
    server.events.emit('step.started', { workflow_id: 'wf-1', execution_id: 'ex-1', step_id: 'a' });
    await ws.next();
    expect(await stats(server)).toEqual({
      connections: 1,
      rooms: { total: 2, by_kind: { workflow: 1, execution: 0, user: 1 } },
      messages_in: 2,
      messages_out: 4,
      dropped_slow: 0,
      terminated_dead: 0,
      started_at: expect.any(String),
    });
    ws.ws.close();
    await eventually(async () => (await stats(server)).rooms.total === 0);
  });

  it('serves stats only with a valid token', async () => {
    const server = await start();
    expect((await fetch(`${server.server.url}${WEBSOCKET_STATS_PATH}`)).status).toBe(401);
  });

  it('closes clients with 1001 and unsubscribes from the bus when the server shuts down', async () => {
    const server = await start();
    const ws = await client(server.wsUrl());
    expect(server.subscriptions()).toBeGreaterThan(0);
    await server.close();
    expect(await ws.closed).toBe(1001);
    expect(server.subscriptions()).toBe(0);
  });
});
