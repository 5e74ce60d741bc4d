// A fake Anthropic API speaking the documented wire format: Messages (JSON and SSE with
// message_start, content_block_start/delta/stop, message_delta, message_stop), Models, and
// `{"type": "error", "error": {...}}` bodies.
import type { ServerResponse } from 'node:http';
import { sseFrame, startFakeServer, tokensOf, writeJson, writeStream, type FakeServer, type RecordedRequest } from './fake-http.js';

export const ANTHROPIC_FAKE_KEY = 'sk-ant-test-fake';

export interface FakeAnthropic extends FakeServer {
  reply: string;
  models: string[];
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const fake = (await startFakeServer((request, res, server) => handle(request, res, server as FakeAnthropic))) as FakeAnthropic;
  fake.reply = 'Hello from the fake Claude.';
  fake.models = ['claude-sonnet-5-5', 'claude-haiku-5-5'];
  return fake;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

function error(res: ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  writeJson(res, status, { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message }, request_id: 'req_fake' }, { 'request-id': 'req_fake', ...headers });
}

async function handle(request: RecordedRequest, res: ServerResponse, fake: FakeAnthropic) {
  // API versions up to 2023-06-01 take the key in x-api-key; 2026-10-21 (SDK 1.x) as a bearer token.
  const key = request.headers['x-api-key'] ?? request.headers.authorization?.replace(/^Bearer /, '');
  if (key !== ANTHROPIC_FAKE_KEY) return error(res, 401, 'invalid x-api-key');
  if (!request.headers['anthropic-version']) return error(res, 400, 'anthropic-version: header is required');
  const scenario = fake.take();
  if (scenario?.kind === 'error') return error(res, scenario.status, scenario.message ?? `fake ${scenario.status}`, scenario.headers);
  if (scenario?.kind === 'hang') return;

  if (request.method === 'GET' && request.path === '/v1/models') {
    const data = fake.models.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-09-29T00:00:00Z',
      max_input_tokens: 200_000,
      max_tokens: 64_000,
    }));
    return writeJson(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }
  if (request.method === 'POST' && request.path === '/v1/messages') {
    const body = request.body as { model: string; messages: { content: string }[]; system?: string; stream?: boolean };
    if (!fake.models.includes(body.model)) return error(res, 404, `model: ${body.model}`);
    const inputTokens = [body.system ?? '', ...body.messages.map((m) => m.content)].join(' ').trim().split(' ').length;
    const tokens = tokensOf(fake.reply);
    const message = { id: 'msg_fake', type: 'message', role: 'assistant', model: body.model, stop_sequence: null };
    if (!body.stream) {
      return writeJson(res, 200, { ...message, content: [{ type: 'text', text: fake.reply }], stop_reason: 'end_turn', usage: { input_tokens: inputTokens, output_tokens: tokens.length } });
    }
    const frames = [
      sseFrame({ type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } }, 'message_start'),
      sseFrame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
      sseFrame({ type: 'ping' }, 'ping'),
      ...tokens.map((text) => sseFrame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta')),
      sseFrame({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sseFrame({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokens.length } }, 'message_delta'),
      sseFrame({ type: 'message_stop' }, 'message_stop'),
    ];
    return writeStream(res, 'text/event-stream', frames, scenario);
  }
  return error(res, 404, `Not found: ${request.method} ${request.path}`);
}
