import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, stopServer, type ServerProcess } from '../bench/lib/server-process.js';
import { createTestDatabase } from './support/postgres.js';

const TOKEN = 'ai-workflows-e2e-token-0123456789ab';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const dir = mkdtempSync(join(tmpdir(), 'dwc-ai-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Message {
  type: string;
  execution_id?: string;
  workflow_id?: string;
  step_id?: string;
  index?: number;
  text?: string;
}

/** Creates the workflow on `api`, watches its room there, runs it and checks tokens, outputs and the document. */
async function scenario(api: ServerProcess) {
  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${api.url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
  };
  const created = await call('POST', '/api/v3/ai-workflows', {
    name: 'Content Generation Workflow', workflow_type: 'content_generation', template_name: 'content_generation',
    input_data: { topic: 'AI Automation', prompt: 'Generate content about AI automation' },
  });
  expect(created.status).toBe(201);
  const workflowId = created.body.id as string;

  const socket = new WebSocket(`${api.url.replace('http', 'ws')}/api/v3/ws/ws?token=${TOKEN}`);
  const messages: Message[] = [];
  const finished = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      messages.push(message);
      if (message.type === 'execution.succeeded' || message.type === 'execution.failed') resolve();
    });
  });
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const joined = new Promise<void>((resolve) => socket.on('message', (data) => String(data).includes('"joined"') && resolve()));
  socket.send(JSON.stringify({ type: 'join_workflow', workflow_id: workflowId }));
  await joined;

  const execution = await call('POST', `/api/v3/ai-workflows/${workflowId}/execute`, {});
  expect(execution.status).toBe(202);
  await finished;
  socket.close();
  expect(messages.find((m) => m.type.startsWith('execution.') && m.type !== 'execution.started')?.type).toBe('execution.succeeded');

  const tokens = messages.filter((m) => m.type === 'ai.token');
  expect(new Set(tokens.map((t) => t.step_id))).toEqual(new Set(['outline', 'draft', 'polish']));
  expect(tokens.every((t) => t.execution_id === execution.body.id && t.workflow_id === workflowId && typeof t.text === 'string')).toBe(true);
  const polish = tokens.filter((t) => t.step_id === 'polish');
  expect(polish.map((t) => t.index)).toEqual(polish.map((_, i) => i));

  const run = await call('GET', `/api/v3/workflows/executions/${execution.body.id}`);
  const steps = run.body.steps as { id: string; output: { provider: string; attempts: { provider: string; reason: string }[]; text: string } }[];
  const polished = steps.find((s) => s.id === 'polish')!.output;
  expect(polished).toMatchObject({ provider: 'scripted', attempts: [{ provider: 'openai', reason: 'not_configured' }] });
  expect(polish.map((t) => t.text).join('')).toBe(polished.text);

  const documents = await call('GET', `/api/v3/documents?execution_id=${execution.body.id}`);
  expect(documents.body.items!.map((d) => d.title)).toEqual(['AI Automation']);
  const document = await call('GET', `/api/v3/documents/${documents.body.items![0]!.id as string}`);
  expect(document.body).toMatchObject({ format: 'markdown', step_id: 'polish', content: polished.text, metadata: { ai_provider: 'scripted' } });
}

const aiEnv = { DWC_API_TOKEN: TOKEN, DWC_PLUGINS: './tests/fixtures/plugins/ai-scripted', DWC_AI_FALLBACK: 'openai,scripted' };

describe('AI workflows end to end', () => {
  it('creates a content generation workflow from its template, streams its tokens over WebSocket and stores its document', async () => {
    const server = await startServer({ ...aiEnv, DWC_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' });
    try {
      await scenario(server);
    } finally {
      await stopServer(server.child);
    }
  });

  it('streams the tokens of a run executed by another process sharing the Postgres database', async () => {
    const database = await createTestDatabase();
    // A runs no jobs (API only), so the AI steps can only run on B; their tokens cross by LISTEN/NOTIFY.
    const a = await startServer({ ...aiEnv, DWC_DATA_DIR: join(dir, 'a'), DATABASE_URL: database.url, DWC_WORKER_CONCURRENCY: '0' });
    const b = await startServer({ ...aiEnv, DWC_DATA_DIR: join(dir, 'b'), DATABASE_URL: database.url });
    try {
      await scenario(a);
    } finally {
      await stopServer(a.child);
      await stopServer(b.child);
      await database.drop();
    }
  });
});
