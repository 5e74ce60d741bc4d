import type { DwcEvent } from '@dwc/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_TOKEN, SUBJECT, VIEWER_TOKEN } from '../test-support/fake-deps.js';
import { connectClient, type Message, type TestClient } from '../test-support/ws-test-client.js';
import { startTestGateway, type TestGatewayServer } from '../test-support/ws-test-server.js';

let gateway: TestGatewayServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  await gateway?.close();
  gateway = undefined;
});

/** A server and a client that has joined `rooms` (acks read). */
async function setup(...rooms: Message[]): Promise<{ server: TestGatewayServer; ws: TestClient }> {
  const server = (gateway = await startTestGateway());
  const ws = await connectClient(server.wsUrl());
  clients.push(ws);
  await ws.next();
  for (const room of rooms) {
    ws.send(room);
    expect((await ws.next()).type).toMatch(/^(joined|subscribed)$/);
  }
  return { server, ws };
}

/** Emits a `step.progress` to wf-marker's room; the client must have joined it. */
function marker(server: TestGatewayServer): void {
  server.events.emit('step.progress', { workflow_id: 'wf-marker', marker: true });
}

const joinMarker = { type: 'join_workflow', workflow_id: 'wf-marker' };

describe('WebSocket fan-out', () => {
  it('sends every lifecycle event of a joined workflow in order, with its ids and the event timestamp', async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' });
    const emitted: DwcEvent[] = [];
    server.events.on('*', (event) => void emitted.push(event));
    const ids = { workflow_id: 'wf-1', execution_id: 'ex-1', version: 3 };
    server.events.emit('execution.started', { ...ids, status: 'running' });
    server.events.emit('step.started', { ...ids, step_id: 'fetch' });
    server.events.emit('step.succeeded', { ...ids, step_id: 'fetch', output: { rows: 2 } });
    server.events.emit('execution.succeeded', { ...ids, status: 'succeeded' });
    for (const event of emitted) {
      expect(await ws.next()).toEqual({ type: event.type, ...event.payload, timestamp: event.timestamp });
    }
    expect(emitted).toHaveLength(4);
  });

  it('does not send events of workflows the client has not joined', async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' }, joinMarker);
    server.events.emit('step.started', { workflow_id: 'wf-2', execution_id: 'ex-2', step_id: 'a' });
    marker(server);
    expect(await ws.next()).toMatchObject({ marker: true });
  });

  it('stops sending a workflow’s events after leave_workflow', async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' }, joinMarker);
    ws.send({ type: 'leave_workflow', workflow_id: 'wf-1' });
    expect((await ws.next()).type).toBe('left');
    server.events.emit('step.started', { workflow_id: 'wf-1', step_id: 'a' });
    marker(server);
    expect(await ws.next()).toMatchObject({ marker: true });
  });

  it('routes by execution_id to the execution room', async () => {
    const { server, ws } = await setup({ type: 'join_execution', execution_id: 'ex-1' });
    server.events.emit('step.started', { workflow_id: 'wf-9', execution_id: 'ex-2', step_id: 'a' });
    server.events.emit('step.failed', { workflow_id: 'wf-9', execution_id: 'ex-1', step_id: 'a' });
    expect(await ws.next()).toMatchObject({ type: 'step.failed', execution_id: 'ex-1' });
  });

  it("routes by user_id to that user's connections without a join", async () => {
    const { server, ws } = await setup();
    server.events.emit('notification.created', { user_id: 'someone-else', title: 'not yours' });
    server.events.emit('notification.created', { user_id: SUBJECT, title: 'yours' });
    server.events.emit('security.alert', { user_id: SUBJECT, kind: 'new_login' });
    expect(await ws.next()).toMatchObject({ type: 'notification.created', title: 'yours' });
    expect(await ws.next()).toMatchObject({ type: 'security.alert', kind: 'new_login' });
  });

  it('sends an event naming several of a connection’s rooms to it once', async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' }, { type: 'join_execution', execution_id: 'ex-1' }, joinMarker);
    server.events.emit('ai.token', { workflow_id: 'wf-1', execution_id: 'ex-1', user_id: SUBJECT, token: 'Hel' });
    marker(server);
    expect(await ws.next()).toMatchObject({ type: 'ai.token', token: 'Hel' });
    expect(await ws.next()).toMatchObject({ marker: true });
  });

  it('sends only the subscribed event types once the client subscribes', async () => {
    const { server, ws } = await setup(
      { type: 'join_workflow', workflow_id: 'wf-1' },
      joinMarker,
      { type: 'subscribe', event_types: ['step.*', 'execution.succeeded'] },
    );
    const ids = { workflow_id: 'wf-1', execution_id: 'ex-1' };
    server.events.emit('execution.started', ids);
    server.events.emit('step.started', { ...ids, step_id: 'a' });
    server.events.emit('execution.failed', ids);
    server.events.emit('execution.succeeded', ids);
    expect((await ws.next()).type).toBe('step.started');
    expect((await ws.next()).type).toBe('execution.succeeded');
    ws.send({ type: 'subscribe', event_types: [] });
    expect(await ws.next()).toMatchObject({ type: 'subscribed', event_types: [] });
    server.events.emit('execution.failed', ids);
    expect((await ws.next()).type).toBe('execution.failed');
  });

  it('does not forward bus events outside the WebSocket set, even with a joined room in the payload', async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' }, joinMarker);
    server.events.emit('plugin.loaded', { workflow_id: 'wf-1', plugin: 'x' });
    server.events.emit('ai.request', { workflow_id: 'wf-1' });
    marker(server);
    expect(await ws.next()).toMatchObject({ marker: true });
  });

  it("keeps the event's type and timestamp when the payload carries its own", async () => {
    const { server, ws } = await setup({ type: 'join_workflow', workflow_id: 'wf-1' });
    let timestamp = '';
    server.events.on('step.succeeded', (event) => void (timestamp = event.timestamp));
    server.events.emit('step.succeeded', { workflow_id: 'wf-1', type: 'spoofed', timestamp: 'yesterday' });
    expect(await ws.next()).toMatchObject({ type: 'step.succeeded', timestamp });
  });

  it('sends one event to every member of a crowded room', async () => {
    const server = (gateway = await startTestGateway());
    const crowd = await Promise.all(Array.from({ length: 50 }, () => connectClient(server.wsUrl())));
    clients.push(...crowd);
    for (const ws of crowd) {
      await ws.next();
      ws.send({ type: 'join_workflow', workflow_id: 'wf-1' });
      await ws.next();
    }
    server.events.emit('execution.succeeded', { workflow_id: 'wf-1', execution_id: 'ex-1' });
    for (const ws of crowd) expect(await ws.next()).toMatchObject({ type: 'execution.succeeded', execution_id: 'ex-1' });
  });

  it('sends security.alert to every admin connection, without a room, unless it subscribed to other types; never to a viewer', async () => {
    const server = (gateway = await startTestGateway());
    const [first, second, filtered] = await Promise.all([0, 1, 2].map(() => connectClient(server.wsUrl())));
    const viewer = await connectClient(server.wsUrl().replace(`token=${GOOD_TOKEN}`, `token=${VIEWER_TOKEN}`));
    clients.push(first!, second!, filtered!, viewer);
    for (const ws of [first!, second!, filtered!, viewer]) await ws.next();
    viewer.send(joinMarker);
    await viewer.next();
    filtered!.send({ type: 'subscribe', event_types: ['step.*'] });
    await filtered!.next();
    filtered!.send(joinMarker);
    await filtered!.next();
    server.events.emit('security.alert', { kind: 'brute_force_ip', ip: '203.0.113.9', count: 20, window_seconds: 300 });
    marker(server);
    for (const ws of [first!, second!]) expect(await ws.next()).toMatchObject({ type: 'security.alert', kind: 'brute_force_ip', ip: '203.0.113.9', count: 20 });
    expect(await filtered!.next()).toMatchObject({ type: 'step.progress', marker: true });
    expect(await viewer.next()).toMatchObject({ type: 'step.progress', marker: true });
  });
});
