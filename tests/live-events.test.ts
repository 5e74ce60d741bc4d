import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loginAsOwner, noRateLimitEnv, ownerEnv, startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

let TOKEN = '';
let headers: Record<string, string> = {};
async function signIn(server: ServerProcess): Promise<void> {
  TOKEN = await loginAsOwner(server.url);
  headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
}
const dir = mkdtempSync(join(tmpdir(), 'dwc-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workflow = {
  name: 'live',
  steps: [
    { id: 'one', type: 'transform', input: { expression: 'n + 1', data: '{{ input }}' } },
    { id: 'two', type: 'transform', input: { expression: 'x * 2', data: { x: '{{ steps.one.output.result }}' } } },
  ],
};

/** Connects, joins the workflow room, and collects messages until `execution.succeeded`. */
async function watch(server: ServerProcess, workflowId: string) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v3/ws/ws?token=${TOKEN}`);
  const messages: { type: string; step_id?: string; execution_id?: string }[] = [];
  const finished = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      messages.push(message);
      if (message.type === 'execution.succeeded') resolve();
    });
  });
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const joined = new Promise<void>((resolve) => socket.on('message', (data) => String(data).includes('"joined"') && resolve()));
  socket.send(JSON.stringify({ type: 'join_workflow', workflow_id: workflowId }));
  await joined;
  return { messages, finished, close: () => socket.close() };
}

const lifecycle = (messages: { type: string; step_id?: string }[]) =>
  messages.filter((m) => m.type.startsWith('step.') || m.type.startsWith('execution.')).map((m) => `${m.type}${m.step_id ? `:${m.step_id}` : ''}`);
const expected = ['execution.started', 'step.started:one', 'step.succeeded:one', 'step.started:two', 'step.succeeded:two', 'execution.succeeded'];

describe('live execution events over WebSocket', () => {
  it('delivers every step event of a run, in order, to a client in the workflow room', async () => {
    const server = await startServer({ DWC_DATA_DIR: join(dir, 'sqlite'), DATABASE_URL: '', ...ownerEnv, ...noRateLimitEnv });
    await signIn(server);
    try {
      const { id } = (await (await fetch(`${server.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) })).json()) as { id: string };
      const client = await watch(server, id);
      await fetch(`${server.url}/api/v3/workflows/${id}/execute`, { method: 'POST', headers, body: JSON.stringify({ n: 1 }) });
      await client.finished;
      expect(lifecycle(client.messages)).toEqual(expected);
      client.close();
    } finally {
      await stopServer(server.child);
    }
  });

  it('delivers events of a run executed by another process sharing the Postgres database', async () => {
    const database = await createTestDatabase();
    // A runs no jobs (API only), so the run can only execute on B.
    const a = await startServer({ DWC_DATA_DIR: join(dir, 'a'), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv, DWC_WORKER_CONCURRENCY: '0' });
    const b = await startServer({ DWC_DATA_DIR: join(dir, 'b'), DATABASE_URL: database.url, ...ownerEnv, ...noRateLimitEnv });
    await signIn(a);
    try {
      const { id } = (await (await fetch(`${a.url}/api/v3/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) })).json()) as { id: string };
      const client = await watch(a, id);
      const run = (await (await fetch(`${a.url}/api/v3/workflows/${id}/execute?wait=true`, { method: 'POST', headers, body: JSON.stringify({ n: 1 }) })).json()) as { status: string; output: unknown };
      expect(run).toMatchObject({ status: 'succeeded', output: { result: 4 } });
      await client.finished;
      expect(lifecycle(client.messages)).toEqual(expected);
      client.close();
    } finally {
      await stopServer(a.child);
      await stopServer(b.child);
      await database.drop();
    }
  });
});
