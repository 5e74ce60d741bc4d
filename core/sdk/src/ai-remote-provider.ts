import { AiProviderError, defineAiProvider, type AiCallContext, type AiProviderDefinition, type AiProviderInfo, type AiProviderSpec, type AiReadiness } from './ai-provider.js';
import type { AiFailureHints } from './ai-provider-errors.js';

/**
 * Readiness of a provider that needs an API key: `configured` with a key (or when `keyRequired` is
 * false, e.g. a local OpenAI-compatible server), else `unconfigured` with `hint` (what to set).
 */
export function apiKeyReadiness(options: { apiKey: string | undefined; keyRequired?: boolean; hint: string }): AiReadiness {
  return options.apiKey || options.keyRequired === false ? { state: 'configured' } : { state: 'unconfigured', hint: options.hint };
}

/** How a provider reaches its vendor's API through the vendor's SDK client. */
export interface RemoteAiConnection<Client> {
  /** Human name of the vendor, e.g. `OpenAI`. */
  vendor: string;
  /** The base URL called, and the setting that chooses it (named when it cannot be reached). */
  baseUrl: string;
  hostSetting: string;
  /** The setting holding the API key, e.g. `OPENAI_API_KEY` (named when the key is refused). */
  keySetting: string;
  /** Longest one call may take, streaming included (the SDKs' own timeouts stop at the headers). */
  timeoutMs: number;
  /** Makes the vendor SDK client; called once, on the first call that has a key. */
  createClient(): Client;
  /** Turns what the vendor SDK threw into an AiProviderError; `timedOut` says `timeoutMs` fired. */
  toError(error: unknown, call: { hints: AiFailureHints; timedOut: boolean }): AiProviderError;
}

/**
 * Runs `run` with the client and one signal: the caller's `ctx.signal` or `timeoutMs`, whichever
 * fires first. Failures come out as AiProviderError; `model` is named when the vendor lacks it.
 */
export type RemoteAiCall<Client> = <T>(ctx: AiCallContext, model: string | undefined, run: (client: Client, signal: AbortSignal) => Promise<T>) => Promise<T>;

/** What a remote provider implements itself; `health` comes from `listModels`. */
export type RemoteAiOperations = Pick<AiProviderSpec, 'generate' | 'listModels'> & Partial<Pick<AiProviderSpec, 'embed' | 'analyze' | 'pullModel'>>;

/**
 * Declares a provider that calls a vendor's HTTP API with an API key (OpenAI, Anthropic, Google).
 * The shared part is done once: a call without the key fails `not_configured` with the readiness
 * hint and never reaches the network; each call runs under one signal (caller or timeout) and its
 * failure is mapped by `toError`; `health` lists the models ("N models at <url>") and says
 * `configured: false` when the key is missing.
 */
export function defineRemoteAiProvider<Client>(
  info: AiProviderInfo,
  connection: RemoteAiConnection<Client>,
  operations: (call: RemoteAiCall<Client>) => RemoteAiOperations,
): AiProviderDefinition {
  const { vendor, keySetting, baseUrl, hostSetting } = connection;
  let client: Client | undefined;

  const call: RemoteAiCall<Client> = async (ctx, model, run) => {
    if (info.readiness?.state === 'unconfigured') {
      throw new AiProviderError(info.type, 'not_configured', `${vendor} needs an API key: ${info.readiness.hint}.`);
    }
    client ??= connection.createClient();
    const timeout = AbortSignal.timeout(connection.timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    try {
      signal.throwIfAborted();
      const result = await run(client, signal);
      // A stream cut by the signal may end quietly; a cut-off answer is a failure.
      signal.throwIfAborted();
      return result;
    } catch (error) {
      const hints: AiFailureHints = { vendor, keySetting, host: baseUrl, hostSetting, model, signal: ctx.signal };
      throw connection.toError(error, { hints, timedOut: timeout.aborted && !ctx.signal.aborted });
    }
  };

  const own = operations(call);
  return defineAiProvider({
    ...info,
    ...own,
    async health(ctx) {
      try {
        const models = await own.listModels(ctx);
        return { ok: true, detail: `${models.length} models at ${baseUrl}` };
      } catch (error) {
        const unconfigured = error instanceof AiProviderError && error.reason === 'not_configured';
        return { ok: false, detail: (error as Error).message, ...(unconfigured ? { configured: false } : {}) };
      }
    },
  });
}
