import { api, ApiError, languageHeader, refreshSession } from '../../lib/api-client';
import { useAuth } from '../../lib/auth-store';
import { createSseParser } from './sse';
import type { I18nTexts } from '../../lib/localized';

export interface AiProvider {
  type: string;
  title: string;
  description: string;
  plugin: string;
  /** Texts in other languages (`es`): name, description (and a template's inputs). */
  i18n?: I18nTexts;
  capabilities: { generation: boolean; streaming: boolean; embeddings: boolean; structured_output: boolean; analysis: boolean; model_management: boolean; offline: boolean };
  readiness: { state: 'configured' | 'probe' | 'unconfigured'; hint?: string };
  health: { ok: boolean; detail?: string; latency_ms: number; checked_at: string };
  models: { id: string; context_length?: number }[] | null;
  models_error?: string;
}

export interface AiUsageRow {
  key: string | null;
  calls: number;
  failed: number;
  cached: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  avg_latency_ms: number;
}

export interface AiGenerateResult {
  text: string;
  finish_reason: string;
  provider: string;
  model: string;
  usage: { input_tokens: number; output_tokens: number; cost_usd: number | null; cached: boolean; latency_ms: number };
}

export type UsageGroup = 'provider' | 'model';

export const aiKeys = {
  providers: ['ai', 'providers'] as const,
  usage: (group: UsageGroup) => ['ai', 'usage', group] as const,
};

export const listProviders = (signal?: AbortSignal) => api<{ items: AiProvider[] }>('/api/v3/advanced/ai/providers', { signal }).then((r) => r.items);

export const aiUsage = (group: UsageGroup, signal?: AbortSignal) =>
  api<{ items: AiUsageRow[] }>('/api/v3/advanced/ai/usage', { query: { group_by: group }, signal }).then((r) => r.items);

export interface PullResult {
  provider: string;
  model: string;
  duration_ms: number;
}

/** How far a model download got: `percent` (and bytes) while a layer downloads, only `status` otherwise. */
export interface PullProgress {
  status: string;
  completed?: number;
  total?: number;
  percent?: number;
}

export type PullModel = (type: string, model: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal) => Promise<PullResult>;

export interface GenerateRequest {
  prompt: string;
  provider?: string;
  model?: string;
}

export interface StreamHandlers {
  onToken(text: string): void;
  /** The provider streaming so far failed; the next one starts over. */
  onReset(): void;
}

async function post(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
  const token = useAuth.getState().accessToken;
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...languageHeader(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal,
    credentials: 'same-origin',
  });
}

/**
 * POSTs `body` with `stream: true` and reads the server-sent events, handing each to `onEvent`,
 * until `done` (its data is the result) or `error` (thrown as an ApiError).
 */
async function streamPost<T>(path: string, body: object, onEvent: (event: string, data: unknown) => void, signal: AbortSignal): Promise<T> {
  const streamed = { ...body, stream: true };
  let res = await post(path, streamed, signal);
  if (res.status === 401 && (await refreshSession())) res = await post(path, streamed, signal);
  if (!res.ok || !res.body) {
    const reply = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: unknown } };
    throw new ApiError(res.status, reply.error?.code ?? 'http_error', reply.error?.message ?? `${res.status}`, reply.error?.details ?? null);
  }
  const parse = createSseParser();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const event of parse(value)) {
      if (event.event === 'done') return event.data as T;
      if (event.event === 'error') {
        const error = (event.data as { error: { code: string; message: string; details?: unknown } }).error;
        throw new ApiError(502, error.code, error.message, error.details ?? null);
      }
      onEvent(event.event, event.data);
    }
  }
  throw new ApiError(502, 'stream_ended', 'The answer stopped before it was complete.', null);
}

/** Generates with `stream: true`, calling back per token; resolves with the final result. */
export function streamGenerate(request: GenerateRequest, handlers: StreamHandlers, signal: AbortSignal): Promise<AiGenerateResult> {
  return streamPost<AiGenerateResult>(
    '/api/v3/advanced/ai/generate',
    request,
    (event, data) => {
      if (event === 'token') handlers.onToken((data as { text: string }).text);
      else if (event === 'reset') handlers.onReset();
    },
    signal,
  );
}

/** Downloads a model into a provider (Ollama), calling back with its progress; resolves when it is installed. */
export const streamPull: PullModel = (type, model, onProgress, signal) =>
  streamPost<PullResult>(`/api/v3/advanced/ai/providers/${encodeURIComponent(type)}/pull`, { model }, (event, data) => event === 'progress' && onProgress(data as PullProgress), signal);
