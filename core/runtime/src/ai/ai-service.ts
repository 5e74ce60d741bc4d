import type {
  DwcError} from '@dwc/sdk';
import {
  AiProviderError,
  ExternalServiceError,
  type AiProgress,
  type AiAnalyzeRequest,
  type AiAnalyzeResult,
  type AiAttempt,
  type AiCallUsage,
  type AiEmbedRequest,
  type AiEmbedResult,
  type AiFailureReason,
  type AiGenerateRequest,
  type AiGenerateResult,
  type AiProviderDefinition,
  type AiRouting,
  type Logger as SdkLogger,
  type TokenUsage,
} from '@dwc/sdk';
import type { Logger } from 'pino';
import type { CacheStore } from '../cache/cache-store.js';
import type { Registries } from '../plugin-host/registries.js';
import { analysisPrompt, analysisSchema, pickAnalysis } from './analyze-by-prompt.js';
import { aiCacheKey, isCacheable } from './cache-key.js';
import { AiCallCancelledError, callWithTimeout } from './call-with-timeout.js';
import { createHealthCache } from './health-cache.js';
import { jsonInstruction, parseJsonAnswer, schemaProblems } from './json-answer.js';
import { costOf, type PriceTable } from './price-table.js';
import { canDo, defaultChain, missingProviderError, noProviderError, type AiOperation, type AiProviderPlugins, type NotSetUp } from './provider-availability.js';
import { resolveChain } from './resolve-chain.js';
import type { AiUsageEntry, AiUsageStore } from './usage-store.js';

export interface AiServiceSettings {
  fallback: readonly string[];
  timeoutMs: number;
  prices: PriceTable;
  cacheTtlMs: number;
  healthCacheMs: number;
}

/** Who is calling and how: attribution for usage rows, the caller's signal, a token sink. */
export interface AiCallScope {
  signal?: AbortSignal | undefined;
  onToken?: ((text: string) => void) | undefined;
  /** Called when a provider that had already streamed tokens failed and the chain moves on: what was streamed is void. */
  onStreamReset?: ((attempt: AiAttempt) => void) | undefined;
  /** The running workflow's chain (its definition's `ai`), used when the request names none. */
  workflowChain?: readonly string[] | undefined;
  executionId?: string | undefined;
  stepId?: string | undefined;
  workflowId?: string | undefined;
}

/**
 * Provider failures after which a chain moves on. Besides the retryable ones, a provider that is
 * not configured (no key, no plugin) or refuses the key is passed over: in a chain such as
 * openai -> ollama -> local, a missing OpenAI key should not stop a run the next provider can do.
 * `bad_request` and `model_not_found` stop the chain: the request itself names something wrong,
 * and quietly answering from another provider would hide it.
 */
const MOVES_ON: ReadonlySet<AiFailureReason> = new Set(['timeout', 'rate_limited', 'server_error', 'connection', 'not_configured', 'unauthorized']);

interface CachedAnswer {
  text: string;
  model: string;
  finishReason: AiGenerateResult['finishReason'];
}

interface Answer<T> {
  value: T;
  model: string;
  tokens: TokenUsage;
  cached: boolean;
}

export type AiService = ReturnType<typeof createAiService>;

/**
 * The AI runtime: resolves the provider chain, calls each provider under a timeout, falls back,
 * caches deterministic answers, and records every call (and every skipped provider) in `ai_usage`.
 */
export function createAiService(deps: {
  registries: Registries;
  cache: CacheStore | undefined;
  usage: AiUsageStore;
  logger: Logger;
  settings: AiServiceSettings;
  /** Which plugin provides each AI provider type, in any state: errors then tell "not installed", "disabled" and "failed to load" apart. */
  plugins?: AiProviderPlugins;
}) {
  const { registries, settings } = deps;
  const health = createHealthCache({ ttlMs: settings.healthCacheMs, logger: deps.logger });

  async function runChain<T>(
    operation: AiUsageEntry['operation'] & AiOperation,
    routing: AiRouting,
    scope: AiCallScope,
    attempt: (provider: AiProviderDefinition, model: string | undefined, signal: AbortSignal, onToken: ((text: string) => void) | undefined) => Promise<Answer<T>>,
    supports: (provider: AiProviderDefinition) => string | undefined = () => undefined,
  ): Promise<{ answer: Answer<T>; provider: string; usage: AiCallUsage; attempts: AiAttempt[] }> {
    const providers = registries.aiProviders.list().map((entry) => entry.definition);
    const registered = providers.map((p) => p.type);
    const named = resolveChain(routing, scope.workflowChain, settings.fallback);
    // Nobody named a provider: try the ones that are set up, and say what to set when none is.
    const fallback = named.length === 0 ? defaultChain(operation, providers, deps.plugins) : undefined;
    const chain = fallback ? fallback.candidates.map((c) => ({ name: c.provider.type, probe: c.probe })) : named.map((name) => ({ name, probe: false }));
    const notSetUp: NotSetUp[] = [...(fallback?.notSetUp ?? [])];
    if (chain.length === 0) throw noProviderError(operation, notSetUp);
    const attempts: AiAttempt[] = [];
    let lastFailure: AiProviderError | undefined;
    let missing: DwcError | undefined;
    const ids = { executionId: scope.executionId, stepId: scope.stepId, workflowId: scope.workflowId };
    for (const [index, { name, probe }] of chain.entries()) {
      const provider = registries.aiProviders.get(name);
      if (!provider) missing = missingProviderError(name, deps.plugins, registered);
      const skip = provider ? supports(provider) : missing!.message;
      if (!provider || skip !== undefined) {
        attempts.push({ provider: name, outcome: 'skipped', reason: 'not_configured', message: skip ?? '', latencyMs: 0 });
        continue;
      }
      if (probe) {
        const answer = await health.check(provider);
        if (!answer.ok) {
          const hint = `${provider.readiness && 'hint' in provider.readiness ? provider.readiness.hint : 'not answering'} (${answer.detail ?? 'no answer'})`;
          notSetUp.push({ provider: name, hint });
          attempts.push({ provider: name, outcome: 'skipped', reason: 'not_configured', message: hint, latencyMs: answer.latencyMs });
          continue;
        }
      }
      const model = index === 0 ? routing.model : undefined;
      const started = performance.now();
      let streamed = false;
      const onToken = scope.onToken
        ? (text: string) => {
            streamed = true;
            scope.onToken!(text);
          }
        : undefined;
      try {
        const answer = await callWithTimeout(name, routing.timeoutMs ?? settings.timeoutMs, scope.signal, (signal) => attempt(provider, model, signal, onToken));
        const latencyMs = Math.round(performance.now() - started);
        const costUsd = answer.cached ? 0 : costOf(settings.prices, name, answer.model, answer.tokens);
        const tokens = answer.cached ? { inputTokens: 0, outputTokens: 0 } : answer.tokens;
        deps.usage.record({ provider: name, model: answer.model, operation, ...tokens, latencyMs, costUsd, cached: answer.cached, outcome: 'ok', ...ids });
        return { answer, provider: name, usage: { ...tokens, costUsd, cached: answer.cached, latencyMs }, attempts };
      } catch (error) {
        if (error instanceof AiCallCancelledError) throw error;
        const failure = error as AiProviderError;
        lastFailure = failure;
        const latencyMs = Math.round(performance.now() - started);
        attempts.push({ provider: name, outcome: 'failed', reason: failure.reason, message: failure.message, latencyMs });
        if (streamed) scope.onStreamReset?.(attempts.at(-1)!);
        deps.usage.record({ provider: name, model: model ?? '', operation, inputTokens: 0, outputTokens: 0, latencyMs, costUsd: null, cached: false, outcome: 'failed', reason: failure.reason, ...ids });
        deps.logger.warn({ ai_provider: name, reason: failure.reason, err: failure.message, ...ids }, 'AI provider failed');
        if (!MOVES_ON.has(failure.reason)) {
          throw new AiProviderError(name, failure.reason, failure.message, { status: failure.status, retryAfterMs: failure.retryAfterMs, details: { attempts }, cause: failure });
        }
      }
    }
    if (attempts.length === 1 && lastFailure) {
      // One provider was tried: its own error (with its reason and code) says it best.
      throw new AiProviderError(lastFailure.provider, lastFailure.reason, lastFailure.message, { status: lastFailure.status, retryAfterMs: lastFailure.retryAfterMs, details: { attempts }, cause: lastFailure });
    }
    // The one provider named is not installed, disabled or failed to load: say which.
    if (chain.length === 1 && missing) throw missing;
    if (fallback && !lastFailure) throw noProviderError(operation, notSetUp);
    throw chainFailed(attempts);
  }

  const callContext = (provider: AiProviderDefinition, signal: AbortSignal, onToken?: (text: string) => void, onProgress?: (progress: AiProgress) => void) => ({
    log: deps.logger.child({ ai_provider: provider.type }) as unknown as SdkLogger,
    signal,
    ...(onToken ? { onToken } : {}),
    ...(onProgress ? { onProgress } : {}),
  });

  async function generate(request: AiGenerateRequest, scope: AiCallScope = {}): Promise<AiGenerateResult> {
    const cacheable = deps.cache !== undefined && settings.cacheTtlMs > 0 && isCacheable(request.temperature, request.cache);
    const run = await runChain<CachedAnswer>('generate', request, scope, async (provider, model, signal, onToken) => {
      const key = cacheable ? aiCacheKey({ provider: provider.type, model, maxTokens: request.maxTokens, temperature: request.temperature, messages: request.messages, jsonSchema: request.jsonSchema }) : undefined;
      const hit = key ? await deps.cache!.get<CachedAnswer>(key).catch(() => undefined) : undefined;
      if (hit) {
        onToken?.(hit.text);
        return { value: hit, model: hit.model, tokens: { inputTokens: 0, outputTokens: 0 }, cached: true };
      }
      const messages = request.jsonSchema && !provider.capabilities.structuredOutput
        ? [{ role: 'system' as const, content: jsonInstruction(request.jsonSchema) }, ...request.messages]
        : request.messages;
      const result = await provider.generate(
        { messages, ...(model ? { model } : {}), ...(request.maxTokens ? { maxTokens: request.maxTokens } : {}), ...(request.temperature !== undefined ? { temperature: request.temperature } : {}), ...(request.jsonSchema ? { jsonSchema: request.jsonSchema } : {}) },
        callContext(provider, signal, onToken),
      );
      if (request.jsonSchema) checkJson(provider.type, result.text, request.jsonSchema);
      const value = { text: result.text, model: result.model, finishReason: result.finishReason };
      if (key) await deps.cache!.set(key, value, settings.cacheTtlMs).catch((err: unknown) => deps.logger.warn({ err }, 'could not cache an AI answer'));
      return { value, model: result.model, tokens: result.usage, cached: false };
    });
    const { text, finishReason } = run.answer.value;
    const json = request.jsonSchema ? (parseJsonAnswer(text) as { value: unknown }).value : undefined;
    return { text, ...(request.jsonSchema ? { json } : {}), finishReason, provider: run.provider, model: run.answer.model, usage: run.usage, attempts: run.attempts };
  }

  async function analyze(request: AiAnalyzeRequest, scope: AiCallScope = {}): Promise<AiAnalyzeResult> {
    const { text, tasks, labels, maxSentences, maxKeywords } = request;
    const core = { text, tasks, ...(labels ? { labels } : {}), ...(maxSentences ? { maxSentences } : {}), ...(maxKeywords ? { maxKeywords } : {}) };
    const run = await runChain('analyze', request, scope, async (provider, model, signal) => {
      if (provider.capabilities.analysis && provider.analyze) {
        const result = await provider.analyze(core, callContext(provider, signal));
        return { value: result, model: model ?? `${provider.type}-analysis`, tokens: { inputTokens: 0, outputTokens: 0 }, cached: false };
      }
      const schema = analysisSchema(core);
      const messages = provider.capabilities.structuredOutput ? analysisPrompt(core) : [{ role: 'system' as const, content: jsonInstruction(schema) }, ...analysisPrompt(core)];
      const result = await provider.generate({ messages, ...(model ? { model } : {}), temperature: 0, jsonSchema: schema }, callContext(provider, signal));
      const parsed = checkJson(provider.type, result.text, schema);
      return { value: pickAnalysis(core, parsed), model: result.model, tokens: result.usage, cached: false };
    });
    return { result: run.answer.value, provider: run.provider, model: run.answer.model, usage: run.usage, attempts: run.attempts };
  }

  async function embed(request: AiEmbedRequest, scope: AiCallScope = {}): Promise<AiEmbedResult> {
    const run = await runChain(
      'embed',
      request,
      scope,
      async (provider, model, signal) => {
        const result = await provider.embed!({ texts: request.texts, ...(model ? { model } : {}) }, callContext(provider, signal));
        if (result.vectors.length !== request.texts.length) {
          throw new AiProviderError(provider.type, 'server_error', `AI provider "${provider.type}" returned ${result.vectors.length} vectors for ${request.texts.length} texts.`);
        }
        return { value: result.vectors, model: result.model, tokens: result.usage, cached: false };
      },
      (provider) => (canDo(provider, 'embed') ? undefined : `AI provider "${provider.type}" does not make embeddings`),
    );
    return { vectors: run.answer.value, provider: run.provider, model: run.answer.model, usage: run.usage, attempts: run.attempts };
  }

  function requireProvider(name: string): AiProviderDefinition {
    const provider = registries.aiProviders.get(name);
    if (!provider) throw missingProviderError(name, deps.plugins, registries.aiProviders.list().map((e) => e.definition.type));
    return provider;
  }

  return {
    generate,
    analyze,
    embed,
    /** The providers, in registration order, with the plugin that registered each. */
    providers: () => registries.aiProviders.list().map((entry) => ({ plugin: entry.plugin, definition: entry.definition })),
    async listModels(name: string, signal?: AbortSignal) {
      const provider = requireProvider(name);
      return callWithTimeout(name, settings.timeoutMs, signal, (s) => provider.listModels(callContext(provider, s)));
    },
    /** The provider's health, reused for `healthCacheMs`; never throws, bounded in time. */
    health: (name: string) => health.check(requireProvider(name)),
    /** Downloads `model` into a provider that manages its models (Ollama), bounded by `timeoutMs`; `onProgress` hears how far it got. */
    async pullModel(name: string, model: string, timeoutMs: number, signal?: AbortSignal, onProgress?: (progress: AiProgress) => void): Promise<void> {
      const provider = requireProvider(name);
      if (!provider.capabilities.modelManagement || !provider.pullModel) {
        throw new AiProviderError(name, 'bad_request', `AI provider "${name}" does not download models; pull them where it runs.`);
      }
      const pull = provider.pullModel.bind(provider);
      await callWithTimeout(name, timeoutMs, signal, (s) => pull(model, callContext(provider, s, undefined, onProgress)));
    },
  };
}

/** Parses and checks a JSON answer; a model that does not answer in shape counts as a server error (the chain moves on). */
function checkJson(provider: string, text: string, schema: Record<string, unknown>): unknown {
  const parsed = parseJsonAnswer(text);
  if (!parsed.ok) throw new AiProviderError(provider, 'server_error', `AI provider "${provider}" did not answer with JSON: ${text.slice(0, 120)}`);
  const problems = schemaProblems(schema, parsed.value);
  if (problems.length > 0) throw new AiProviderError(provider, 'server_error', `AI provider "${provider}" answered JSON that does not match the schema: ${problems.slice(0, 5).join('; ')}`);
  return parsed.value;
}

function chainFailed(attempts: AiAttempt[]): Error {
  const listed = attempts.map((a) => `${a.provider} (${a.reason}): ${a.message}`).join('; ');
  return new ExternalServiceError(`No AI provider answered. ${listed}`, {
    code: 'ai_unavailable',
    retryable: attempts.some((a) => a.reason === 'timeout' || a.reason === 'rate_limited' || a.reason === 'server_error' || a.reason === 'connection'),
    details: { attempts },
  });
}
