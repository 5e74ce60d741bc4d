import type { AiFailureReason, AnalyzeRequest, AnalyzeResult, ChatMessage } from './ai-provider.js';

/** Which provider answers: `provider` alone pins one; with `fallback` it is tried first, then the list in order. */
export interface AiRouting {
  provider?: string;
  /** Providers to try in order when the one before fails with a reason that allows moving on. */
  fallback?: string[];
  /** Model for the first provider tried; the others use their default model. */
  model?: string;
  /** Per-attempt timeout; defaults to the `aiTimeoutMs` setting. */
  timeoutMs?: number;
  /**
   * Response cache: by default only deterministic calls (temperature 0 or unset) are cached;
   * `true` caches whatever the temperature, `false` never.
   */
  cache?: boolean;
}

/** A provider that was tried and did not answer, and why. */
export interface AiAttempt {
  provider: string;
  outcome: 'failed' | 'skipped';
  reason: AiFailureReason;
  message: string;
  latencyMs: number;
}

export interface AiCallUsage {
  inputTokens: number;
  outputTokens: number;
  /** From the price table in the config; null when the provider/model has no price. */
  costUsd: number | null;
  /** Answered from the response cache (no provider call, no cost). */
  cached: boolean;
  latencyMs: number;
}

/** Which provider and model answered, what it cost, and which providers were passed over. */
export interface AiCallInfo {
  provider: string;
  model: string;
  usage: AiCallUsage;
  attempts: AiAttempt[];
}

export interface AiGenerateRequest extends AiRouting {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** JSON Schema the answer must match; the parsed answer comes back as `json`. */
  jsonSchema?: Record<string, unknown>;
  /** Stream tokens to the execution's WebSocket room as `ai.token` events (default true). */
  stream?: boolean;
}

export interface AiGenerateResult extends AiCallInfo {
  text: string;
  /** The parsed answer when `jsonSchema` was given. */
  json?: unknown;
  finishReason: 'stop' | 'length' | 'error' | 'other';
}

export type AiAnalyzeRequest = AnalyzeRequest & AiRouting;
export interface AiAnalyzeResult extends AiCallInfo {
  result: AnalyzeResult;
}

export interface AiEmbedRequest extends AiRouting {
  texts: string[];
}
export interface AiEmbedResult extends AiCallInfo {
  vectors: number[][];
}

export interface AiIndexRequest extends AiRouting {
  /** Stored documents to embed, by id. */
  documentIds?: string[];
  /** Embed every document these earlier steps of this execution produced. */
  fromSteps?: string[];
}
export interface AiIndexResult extends AiCallInfo {
  indexed: { documentId: string; dims: number }[];
}

/**
 * The AI service as an action sees it (`ctx.ai`): calls are attributed to the step for usage
 * accounting, stream tokens to the execution's room, honour the step's signal, and follow the
 * workflow's fallback chain unless the request names a provider. Failures throw AiProviderError
 * (one provider) or an ExternalServiceError `ai_unavailable` listing every attempt.
 */
export interface StepAi {
  generate(request: AiGenerateRequest): Promise<AiGenerateResult>;
  /** The provider's own analysis when it has one, else a structured-output prompt. */
  analyze(request: AiAnalyzeRequest): Promise<AiAnalyzeResult>;
  embed(request: AiEmbedRequest): Promise<AiEmbedResult>;
  /** Embeds stored documents and keeps their vectors for semantic search. */
  indexDocuments(request: AiIndexRequest): Promise<AiIndexResult>;
  /** A stored document's title and content; NotFoundError when there is none. */
  readDocument(id: string): Promise<{ id: string; title: string; content: string }>;
}
