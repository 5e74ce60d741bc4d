import type { Logger } from './logger.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';

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
}

export interface AiCapabilities {
  streaming: boolean;
  embeddings: boolean;
  structuredOutput: boolean;
  /** Works with no network beyond this machine. */
  offline: boolean;
}

export interface AiProviderSpec {
  /** Registry key, e.g. `openai`, `ollama`, `local`. */
  type: string;
  title: string;
  description: string;
  capabilities: AiCapabilities;
  /** Generates a reply to `messages`; streams tokens to `ctx.onToken` when given and supported. */
  generate(request: GenerateRequest, ctx: AiCallContext): Promise<GenerateResult>;
  embed?(input: { texts: string[]; model?: string }, ctx: AiCallContext): Promise<EmbedResult>;
  listModels(ctx: AiCallContext): Promise<ModelInfo[]>;
  /** Whether the provider answers now; never throws. */
  health(ctx: AiCallContext): Promise<{ ok: boolean; detail?: string }>;
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
  return Object.freeze({ ...spec, kind: 'ai-provider' as const });
}
