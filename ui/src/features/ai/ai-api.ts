import { api, ApiError, refreshSession } from '../../lib/api-client';
import { useAuth } from '../../lib/auth-store';
import { createSseParser } from './sse';

export interface AiProvider {
  type: string;
  title: string;
  description: string;
  plugin: string;
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

export const pullModel = (type: string, model: string) =>
  api<{ provider: string; model: string; duration_ms: number }>(`/api/v3/advanced/ai/providers/${encodeURIComponent(type)}/pull`, { method: 'POST', body: { model } });

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

async function post(body: unknown, signal: AbortSignal): Promise<Response> {
  const token = useAuth.getState().accessToken;
  return fetch('/api/v3/advanced/ai/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal,
    credentials: 'same-origin',
  });
}

/** Generates with `stream: true`, calling back per token; resolves with the final result. */
export async function streamGenerate(request: GenerateRequest, handlers: StreamHandlers, signal: AbortSignal): Promise<AiGenerateResult> {
  const body = { ...request, stream: true };
  let res = await post(body, signal);
  if (res.status === 401 && (await refreshSession())) res = await post(body, signal);
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
      if (event.event === 'token') handlers.onToken((event.data as { text: string }).text);
      else if (event.event === 'reset') handlers.onReset();
      else if (event.event === 'done') return event.data as AiGenerateResult;
      else if (event.event === 'error') {
        const error = (event.data as { error: { code: string; message: string; details?: unknown } }).error;
        throw new ApiError(502, error.code, error.message, error.details ?? null);
      }
    }
  }
  throw new ApiError(502, 'stream_ended', 'The answer stopped before it was complete.', null);
}
