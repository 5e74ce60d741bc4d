// A fake OpenAI API speaking the documented wire format: chat completions (JSON and SSE with
// `stream_options.include_usage`), embeddings, models, and `{"error": {...}}` error bodies.
import type { ServerResponse } from 'node:http';
import { sseFrame, startFakeServer, tokensOf, writeJson, writeStream, type FakeServer, type RecordedRequest } from './fake-http.js';

export const OPENAI_FAKE_KEY = 'sk-test-fake';

export interface FakeOpenAi extends FakeServer {
  /** The assistant's reply; a function sees the request body. */
  reply: string | ((body: ChatBody) => string);
  models: string[];
  /** Pause between streamed chunks, so a watcher sees the text arrive (0 by default). */
  tokenDelayMs: number;
}

interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const fake = (await startFakeServer((request, res, server) => handle(request, res, server as FakeOpenAi))) as FakeOpenAi;
  fake.reply = 'Hello from the fake OpenAI.';
  fake.models = ['gpt-4o-mini', 'text-embedding-3-small'];
  fake.tokenDelayMs = 0;
  return fake;
}

function error(res: ServerResponse, status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): void {
  writeJson(res, status, { error: { message, type, param: null, code } }, headers);
}

async function handle(request: RecordedRequest, res: ServerResponse, state: FakeOpenAi) {
  if (request.headers.authorization !== `Bearer ${OPENAI_FAKE_KEY}`) {
    return error(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  }
  const scenario = state.take();
  if (scenario?.kind === 'error') {
    const type = scenario.status === 429 ? 'rate_limit_exceeded' : 'server_error';
    return error(res, scenario.status, scenario.message ?? `fake ${scenario.status}`, type, null, scenario.headers);
  }
  if (scenario?.kind === 'hang') return;

  if (request.method === 'GET' && request.path === '/v1/models') {
    return writeJson(res, 200, { object: 'list', data: state.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
  }
  if (request.method === 'POST' && request.path === '/v1/embeddings') {
    const body = request.body as { model: string; input: string | string[] };
    if (!state.models.includes(body.model)) return modelNotFound(res, body.model);
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return writeJson(res, 200, {
      object: 'list',
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, text.split(' ').length, 1] })),
      model: body.model,
      usage: { prompt_tokens: inputs.join(' ').split(' ').length, total_tokens: inputs.join(' ').split(' ').length },
    });
  }
  if (request.method === 'POST' && request.path === '/v1/chat/completions') {
    const body = request.body as ChatBody;
    if (!state.models.includes(body.model)) return modelNotFound(res, body.model);
    const text = typeof state.reply === 'function' ? state.reply(body) : state.reply;
    const usage = { prompt_tokens: body.messages.map((m) => m.content).join(' ').split(' ').length, completion_tokens: tokensOf(text).length };
    const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model: body.model, system_fingerprint: null };
    if (!body.stream) {
      return writeJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
    }
    const chunk = (delta: object, finish: string | null) =>
      sseFrame({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const frames = [chunk({ role: 'assistant', content: '' }, null), ...tokensOf(text).map((t) => chunk({ content: t }, null)), chunk({}, 'stop')];
    if (body.stream_options?.include_usage) {
      frames.push(sseFrame({ ...base, object: 'chat.completion.chunk', choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
    }
    frames.push(sseFrame('[DONE]'));
    return writeStream(res, 'text/event-stream', frames, scenario, state.tokenDelayMs);
  }
  return error(res, 404, `Unknown request URL: ${request.method} ${request.path}.`, 'invalid_request_error', 'unknown_url');
}

function modelNotFound(res: ServerResponse, model: string): void {
  error(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}
