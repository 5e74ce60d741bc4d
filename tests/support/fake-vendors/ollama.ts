// A fake Ollama server speaking its documented API: /api/chat and /api/generate (NDJSON streams),
// /api/embed, /api/tags, /api/pull (NDJSON progress), /api/version, and `{"error": "..."}` bodies.
import type { ServerResponse } from 'node:http';
import { startFakeServer, tokensOf, writeJson, writeStream, type FakeServer, type RecordedRequest } from './fake-http.js';

export interface FakeOllama extends FakeServer {
  reply: string;
  /** Installed models; a successful pull adds one. */
  models: string[];
  /** Models the fake "registry" can pull. */
  pullable: string[];
}

export async function startFakeOllama(): Promise<FakeOllama> {
  const fake = (await startFakeServer((request, res, server) => handle(request, res, server as FakeOllama))) as FakeOllama;
  fake.reply = 'Hello from the fake Ollama.';
  fake.models = ['llama3.2:latest', 'nomic-embed-text:latest'];
  fake.pullable = ['qwen2.5:0.5b'];
  return fake;
}

const NDJSON = 'application/x-ndjson';
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const installed = (fake: FakeOllama, model: string) => fake.models.includes(model) || fake.models.includes(`${model}:latest`);
const now = () => new Date('2026-01-01T00:00:00Z').toISOString();

async function handle(request: RecordedRequest, res: ServerResponse, fake: FakeOllama) {
  if (request.method === 'GET' && request.path === '/api/version') return writeJson(res, 200, { version: '0.12.0' });
  if (request.method === 'GET' && request.path === '/api/tags') {
    return writeJson(res, 200, {
      models: fake.models.map((name) => ({
        name,
        model: name,
        modified_at: now(),
        size: 2_019_393_189,
        digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
        details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
      })),
    });
  }
  const scenario = fake.take();
  if (scenario?.kind === 'error') return writeJson(res, scenario.status, { error: scenario.message ?? `fake ${scenario.status}` }, scenario.headers);
  if (scenario?.kind === 'hang') return;
  const body = request.body as Record<string, unknown> & { model: string };

  if (request.method === 'POST' && request.path === '/api/pull') {
    // The API documents `model`; the ollama JS SDK still sends the older `name`.
    const model = String(body.model ?? body.name);
    if (!fake.pullable.includes(model)) return writeStream(res, NDJSON, [line({ status: 'pulling manifest' }), line({ error: 'pull model manifest: file does not exist' })]);
    const digest = 'sha256:74701a8c35f6c8d9a4b91f3f3497643001d63e0c7a84e085bed452548fa88d45';
    const frames = [line({ status: 'pulling manifest' })];
    for (const completed of [0, 250, 500, 750, 1000]) frames.push(line({ status: `pulling ${digest.slice(7, 19)}`, digest, total: 1000, completed }));
    frames.push(line({ status: 'verifying sha256 digest' }), line({ status: 'writing manifest' }), line({ status: 'success' }));
    await writeStream(res, NDJSON, frames, scenario);
    if (!scenario) fake.models.push(model);
    return;
  }
  if (request.method === 'POST' && request.path === '/api/embed') {
    if (!installed(fake, body.model)) return modelNotFound(res, body.model);
    const inputs = Array.isArray(body.input) ? (body.input as string[]) : [body.input as string];
    return writeJson(res, 200, {
      model: body.model,
      embeddings: inputs.map((text) => [text.length, text.split(' ').length, 0.5]),
      total_duration: 14_143_917,
      load_duration: 1_019_500,
      prompt_eval_count: inputs.join(' ').split(' ').length,
    });
  }
  if (request.method === 'POST' && (request.path === '/api/chat' || request.path === '/api/generate')) {
    if (!installed(fake, body.model)) return modelNotFound(res, body.model);
    const chat = request.path === '/api/chat';
    const promptWords = chat ? (body.messages as { content: string }[]).map((m) => m.content).join(' ') : `${body.system ?? ''} ${body.prompt}`.trim();
    const piece = (text: string) => (chat ? { message: { role: 'assistant', content: text } } : { response: text });
    const tokens = tokensOf(fake.reply);
    const parts = tokens.map((t) => ({ model: body.model, created_at: now(), ...piece(t), done: false }));
    const final = {
      model: body.model,
      created_at: now(),
      ...piece(''),
      done: true,
      done_reason: 'stop',
      total_duration: 4_883_583_458,
      load_duration: 1_334_875,
      prompt_eval_count: promptWords.split(' ').length,
      prompt_eval_duration: 342_546_000,
      eval_count: tokens.length,
      eval_duration: 4_535_599_000,
    };
    if (body.stream === false) return writeJson(res, 200, { ...final, ...piece(fake.reply) });
    return writeStream(res, NDJSON, [...parts, final].map(line), scenario);
  }
  return writeJson(res, 404, { error: `404 page not found` });
}

function modelNotFound(res: ServerResponse, model: string): void {
  writeJson(res, 404, { error: `model '${model}' not found` });
}
