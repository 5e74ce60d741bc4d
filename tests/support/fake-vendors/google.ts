// A fake Gemini Developer API speaking its documented wire format: models/{m}:generateContent,
// :streamGenerateContent?alt=sse (SSE of GenerateContentResponse), :embedContent, :batchEmbedContents,
// GET models, and google.rpc.Status error bodies (RetryInfo on 429, API_KEY_INVALID on a bad key).
import type { ServerResponse } from 'node:http';
import { startFakeServer, tokensOf, writeJson, writeStream, type FakeServer, type RecordedRequest } from './fake-http.js';

export const GEMINI_FAKE_KEY = 'AIza-test-fake';

export interface FakeGoogle extends FakeServer {
  reply: string;
  models: string[];
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const fake = (await startFakeServer((request, res, server) => handle(request, res, server as FakeGoogle))) as FakeGoogle;
  fake.reply = 'Hello from the fake Gemini.';
  fake.models = ['gemini-2.5-flash', 'gemini-embedding-001'];
  return fake;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function error(res: ServerResponse, code: number, message: string, details: object[] = [], headers?: Record<string, string>): void {
  writeJson(res, code, { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN', ...(details.length ? { details } : {}) } }, headers);
}

interface Content {
  role?: string;
  parts: { text: string }[];
}

async function handle(request: RecordedRequest, res: ServerResponse, fake: FakeGoogle) {
  if (request.headers['x-goog-api-key'] !== GEMINI_FAKE_KEY) {
    return error(res, 400, 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
  }
  const scenario = fake.take();
  if (scenario?.kind === 'error') {
    const retryAfter = scenario.headers?.['retry-after'];
    const details = scenario.status === 429 && retryAfter ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }] : [];
    return error(res, scenario.status, scenario.message ?? `fake ${scenario.status}`, details, scenario.headers);
  }
  if (scenario?.kind === 'hang') return;

  if (request.method === 'GET' && /^\/v1\w*\/models$/.test(request.path)) {
    return writeJson(res, 200, {
      models: fake.models.map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: id.includes('embedding') ? 2048 : 1_048_576,
        outputTokenLimit: id.includes('embedding') ? 1 : 65_536,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
      })),
    });
  }
  const match = /^\/v1\w*\/models\/([^:]+):(\w+)$/.exec(request.path);
  if (request.method !== 'POST' || !match) return error(res, 404, `Method not found: ${request.method} ${request.path}`);
  const [, model, method] = match as unknown as [string, string, string];
  if (!fake.models.includes(model)) return error(res, 404, `models/${model} is not found for API version v1beta, or is not supported for ${method}.`);
  const body = request.body as { contents?: Content[]; systemInstruction?: Content; content?: Content; requests?: { content: Content }[] };
  const embedding = (content: Content) => ({ values: [content.parts[0]!.text.length, content.parts[0]!.text.split(' ').length, 0.25] });

  if (method === 'embedContent') return writeJson(res, 200, { embedding: embedding(body.content!) });
  if (method === 'batchEmbedContents') return writeJson(res, 200, { embeddings: body.requests!.map((r) => embedding(r.content)) });
  if (method !== 'generateContent' && method !== 'streamGenerateContent') return error(res, 404, `Method not found: ${method}`);

  const promptTokens = [...(body.systemInstruction?.parts ?? []), ...(body.contents ?? []).flatMap((c) => c.parts)].map((p) => p.text).join(' ').split(' ').length;
  const tokens = tokensOf(fake.reply);
  const response = (text: string, done: boolean, outputTokens: number) => ({
    candidates: [{ content: { parts: [{ text }], role: 'model' }, ...(done ? { finishReason: 'STOP' } : {}), index: 0 }],
    usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: outputTokens, totalTokenCount: promptTokens + outputTokens },
    modelVersion: model,
    responseId: 'fake-response',
  });
  if (method === 'generateContent') return writeJson(res, 200, response(fake.reply, true, tokens.length));
  if (request.query.get('alt') !== 'sse') return error(res, 400, 'this fake streams only with alt=sse');
  const frames = tokens.map((t, i) => `data: ${JSON.stringify(response(t, i === tokens.length - 1, i + 1))}\r\n\r\n`);
  return writeStream(res, 'text/event-stream', frames, scenario);
}
