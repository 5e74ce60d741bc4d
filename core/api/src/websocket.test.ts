import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpServer, type RunningHttpServer } from './http-server.js';
import { fakeDeps, GOOD_TOKEN } from './test-support/fake-deps.js';
import { WEBSOCKET_PATH } from './websocket.js';

let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<string> {
  server = await startHttpServer({ deps: fakeDeps().deps, port: 0, host: '127.0.0.1' });
  return server.url.replace('http', 'ws');
}

function open(url: string, options?: WebSocket.ClientOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The status of a refused handshake. */
function refusal(url: string, options?: WebSocket.ClientOptions): Promise<number> {
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

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

describe('WebSocket gateway', () => {
  it('answers a ping with a pong carrying a timestamp when the query token is valid', async () => {
    const ws = await open(`${await start()}${WEBSOCKET_PATH}?token=${GOOD_TOKEN}`);
    const reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'ping' }));
    const pong = await reply;
    expect(pong.type).toBe('pong');
    expect(Number.isNaN(Date.parse(String(pong.timestamp)))).toBe(false);
    ws.close();
  });

  it('accepts the token from the Authorization header', async () => {
    const ws = await open(`${await start()}${WEBSOCKET_PATH}`, { headers: { Authorization: `Bearer ${GOOD_TOKEN}` } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('refuses a bad token with 401 before the upgrade', async () => {
    expect(await refusal(`${await start()}${WEBSOCKET_PATH}?token=wrong`)).toBe(401);
  });

  it('refuses a missing token with 401', async () => {
    expect(await refusal(`${await start()}${WEBSOCKET_PATH}`)).toBe(401);
  });

  it('refuses an upgrade on any other path with 404', async () => {
    expect(await refusal(`${await start()}/api/v3/other?token=${GOOD_TOKEN}`)).toBe(404);
  });

  it('answers a malformed message with an error message and keeps the connection open', async () => {
    const ws = await open(`${await start()}${WEBSOCKET_PATH}?token=${GOOD_TOKEN}`);
    let reply = nextMessage(ws);
    ws.send('{not json');
    expect(await reply).toEqual({ type: 'error', error: { code: 'malformed_message', message: expect.any(String) } });
    reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'dance' }));
    expect(await reply).toMatchObject({ type: 'error', error: { code: 'unknown_message_type' } });
    reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'ping' }));
    expect((await reply).type).toBe('pong');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('closes clients with 1001 when the server shuts down', async () => {
    const ws = await open(`${await start()}${WEBSOCKET_PATH}?token=${GOOD_TOKEN}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await server!.close();
    expect(await closed).toBe(1001);
  });

  it('answers a plain GET on the WebSocket path with 426', async () => {
    const base = (await start()).replace('ws', 'http');
    const res = await fetch(`${base}${WEBSOCKET_PATH}`, { headers: { Authorization: `Bearer ${GOOD_TOKEN}` } });
    expect(res.status).toBe(426);
  });
});
