import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';
import { ExternalServiceError, type DwcErrorOptions } from './errors.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  model?: string;
  maxTokens?: number;
  temperature?: number;
  /** When set, the answer must be JSON matching this JSON Schema. */
  jsonSchema?: Record<string, unknown>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface GenerateResult {
  text: string;
  model: string;
  usage: TokenUsage;
  finishReason: 'stop' | 'length' | 'error' | 'other';
}

export interface EmbedResult {
  model: string;
  vectors: number[][];
  usage: TokenUsage;
}

export interface ModelInfo {
  id: string;
  /** Context window in tokens, when the provider says. */
  contextLength?: number;
}

export interface AiCallContext {
  log: Logger;
  /** Aborted on timeout or cancellation; pass it to the HTTP client. */
  signal: AbortSignal;
  /** Called with each text fragment as it streams in. */
  onToken?: (text: string) => void;
  /** Called as a long operation (a model download) moves on; `completed`/`total` in bytes when known. */
  onProgress?: (progress: AiProgress) => void;
}

/** One step of a long AI operation, e.g. `{status: "pulling 74701a8c35f6", completed: 500, total: 1000}`. */
export interface AiProgress {
  status: string;
  completed?: number;
  total?: number;
}

export const ANALYSIS_TASKS = ['sentiment', 'keywords', 'summary', 'language', 'readability', 'classification'] as const;
export type AnalysisTask = (typeof ANALYSIS_TASKS)[number];

export interface AnalyzeRequest {
  text: string;
  tasks: AnalysisTask[];
  /** Candidate labels for `classification`. */
  labels?: string[];
  /** Upper bound on summary length, in sentences. */
  maxSentences?: number;
  /** Upper bound on keywords returned. */
  maxKeywords?: number;
}

/** Each field is present when its task was asked for. Scores are in [0, 1] unless said otherwise. */
export interface AnalyzeResult {
  sentiment?: { label: 'positive' | 'negative' | 'neutral'; score: number };
  keywords?: { term: string; score: number }[];
  summary?: string;
  /** ISO 639-1 code where known (`en`), else ISO 639-3. */
  language?: { code: string; confidence: number };
  /** Flesch reading ease (higher is easier, roughly 0-100) and a grade label. */
  readability?: { score: number; grade: string };
  classification?: { label: string; confidence: number };
}

/** Why a provider call failed; a fallback chain moves on for the retryable ones. */
export type AiFailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'connection'
  | 'unauthorized'
  | 'bad_request'
  | 'model_not_found'
  | 'not_configured';

const RETRYABLE: ReadonlySet<AiFailureReason> = new Set(['timeout', 'rate_limited', 'server_error', 'connection']);

/** A provider call failed. The message names the setting or host to fix; `reason` drives fallback. */
export class AiProviderError extends ExternalServiceError {
  readonly provider: string;
  readonly reason: AiFailureReason;
  /** HTTP status the provider answered with, when it answered. */
  readonly status: number | undefined;
  /** From a 429's Retry-After, when given. */
  readonly retryAfterMs: number | undefined;

  constructor(
    provider: string,
    reason: AiFailureReason,
    message: string,
    options: DwcErrorOptions & { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message, { ...options, code: `ai_${reason}`, retryable: RETRYABLE.has(reason) });
    this.provider = provider;
    this.reason = reason;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface AiCapabilities {
  /**
   * Writes text with `generate`. Default true; `false` for a provider with no language model (the
   * `local` analyser), which a default chain then leaves out of generation.
   */
  generation?: boolean;
  streaming: boolean;
  embeddings: boolean;
  structuredOutput: boolean;
  /** Implements `analyze` natively (otherwise the runtime prompts `generate`). */
  analysis: boolean;
  /** Can download models (`pullModel`). */
  modelManagement: boolean;
  /** Works with no network beyond this machine. */
  offline: boolean;
}

export interface AiHealth {
  ok: boolean;
  detail?: string;
  /**
   * `false` when the provider has no credentials or address set, so nothing uses it yet (e.g. no
   * API key); readiness then reports it as not configured rather than degraded.
   */
  configured?: boolean;
}

/**
 * Whether a provider is set up, known without calling it; the default chain (no provider named
 * anywhere) tries the `configured` ones, then the `probe` ones whose `health` answers, and the error
 * when none is lists each `hint`.
 */
export type AiReadiness =
  /** Its credentials or address are set (or it needs none). */
  | { state: 'configured' }
  /** It needs a server that may or may not be running (a local Ollama): ask `health`. */
  | { state: 'probe'; hint: string }
  /** Not set up; `hint` says what to set, e.g. `set OPENAI_API_KEY`. */
  | { state: 'unconfigured'; hint: string };

export interface AiProviderSpec {
  /** Registry key, e.g. `openai`, `ollama`, `local`. */
  type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name and description. */
  i18n?: I18nTexts;
  capabilities: AiCapabilities;
  /** Whether it is set up (default `configured`). */
  readiness?: AiReadiness;
  /**
   * Generates a reply to `messages` (a chat; one user message for a plain prompt); streams tokens to
   * `ctx.onToken` when given and supported. Failures throw AiProviderError.
   */
  generate(request: GenerateRequest, ctx: AiCallContext): Promise<GenerateResult>;
  embed?(input: { texts: string[]; model?: string }, ctx: AiCallContext): Promise<EmbedResult>;
  analyze?(request: AnalyzeRequest, ctx: AiCallContext): Promise<AnalyzeResult>;
  /** Downloads a model so it can be used offline (Ollama). */
  pullModel?(model: string, ctx: AiCallContext): Promise<void>;
  listModels(ctx: AiCallContext): Promise<ModelInfo[]>;
  /** Whether the provider answers now; never throws. */
  health(ctx: AiCallContext): Promise<AiHealth>;
}

export interface AiProviderDefinition extends AiProviderSpec {
  readonly kind: 'ai-provider';
}

/** Declares an AI provider. */
export function defineAiProvider(spec: AiProviderSpec): AiProviderDefinition {
  assertCapabilityId('defineAiProvider', spec.type);
  const where = `defineAiProvider(${spec.type})`;
  assertFunction(where, 'generate', spec.generate);
  assertFunction(where, 'listModels', spec.listModels);
  assertFunction(where, 'health', spec.health);
  if (spec.capabilities.embeddings) assertFunction(where, 'embed', spec.embed);
  if (spec.capabilities.analysis) assertFunction(where, 'analyze', spec.analyze);
  if (spec.capabilities.modelManagement) assertFunction(where, 'pullModel', spec.pullModel);
  checkI18n(where, spec.i18n);
  const readiness = spec.readiness;
  if (readiness !== undefined && !(readiness.state === 'configured' || ((readiness.state === 'probe' || readiness.state === 'unconfigured') && typeof readiness.hint === 'string' && readiness.hint !== ''))) {
    throw new TypeError(`${where}: "readiness" must be {state: "configured"} or {state: "probe" | "unconfigured", hint: "<what to set>"}.`);
  }
  return Object.freeze({ ...spec, kind: 'ai-provider' as const });
}

/** What the host and the UI see of a provider before its code (and its vendor SDK) is loaded. */
export type AiProviderInfo = Pick<AiProviderSpec, 'type' | 'title' | 'description' | 'i18n' | 'capabilities' | 'readiness'>;

/**
 * Declares a provider whose implementation is imported on first use, so a plugin that bundles a
 * heavy vendor SDK costs neither start-up time nor memory until the provider is called. `load`
 * resolves to the real provider (same type and capabilities); a failed load is retried next call.
 */
export function defineLazyAiProvider(info: AiProviderInfo, load: () => Promise<AiProviderDefinition>): AiProviderDefinition {
  let loading: Promise<AiProviderDefinition> | undefined;
  const provider = (): Promise<AiProviderDefinition> =>
    (loading ??= load().then(
      (loaded) => {
        if (loaded.type !== info.type) throw new TypeError(`defineLazyAiProvider(${info.type}): load() gave provider "${loaded.type}"`);
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const { capabilities } = info;
  return defineAiProvider({
    ...info,
    generate: async (request, ctx) => (await provider()).generate(request, ctx),
    listModels: async (ctx) => (await provider()).listModels(ctx),
    async health(ctx) {
      // Not set up: say so without loading the vendor SDK (and without a network call).
      if (info.readiness?.state === 'unconfigured') return { ok: false, configured: false, detail: `${info.title}: ${info.readiness.hint}` };
      try {
        return await (await provider()).health(ctx);
      } catch (error) {
        return { ok: false, detail: `the provider's code could not be loaded: ${(error as Error).message}` };
      }
    },
    ...(capabilities.embeddings ? { embed: async (input: { texts: string[]; model?: string }, ctx: AiCallContext) => (await provider()).embed!(input, ctx) } : {}),
    ...(capabilities.analysis ? { analyze: async (request: AnalyzeRequest, ctx: AiCallContext) => (await provider()).analyze!(request, ctx) } : {}),
    ...(capabilities.modelManagement ? { pullModel: async (model: string, ctx: AiCallContext) => (await provider()).pullModel!(model, ctx) } : {}),
  });
}
