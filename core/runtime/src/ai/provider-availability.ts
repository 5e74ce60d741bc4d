import { NotFoundError, UnavailableError, type AiProviderDefinition, type DwcError } from '@dwc/sdk';
import type { PluginStatus } from '../plugin-host/plugin-status.js';

export type AiOperation = 'generate' | 'analyze' | 'embed';

/** Every AI provider type an installed plugin provides, whatever the plugin's state (the plugin host's `providersOf`). */
export type AiProviderPlugins = () => { type: string; plugin: PluginStatus }[];

const DOING: Record<AiOperation, string> = { generate: 'generate text', analyze: 'analyse text', embed: 'make embeddings' };

/** Whether `provider` can do `operation` at all (analysis falls back to prompting `generate`). */
export function canDo(provider: AiProviderDefinition, operation: AiOperation): boolean {
  const generates = provider.capabilities.generation !== false;
  if (operation === 'generate') return generates;
  if (operation === 'embed') return provider.capabilities.embeddings && provider.embed !== undefined;
  return generates || (provider.capabilities.analysis && provider.analyze !== undefined);
}

/** Why an installed plugin's provider is not registered, in words that say what to do. */
function inactiveReason(plugin: PluginStatus): string {
  if (plugin.state === 'disabled') {
    return `disabled: its plugin ${plugin.name} is disabled. Enable it with POST /api/v3/plugins/${encodeURIComponent(plugin.name)}/enable (permission plugins:admin)`;
  }
  if (plugin.state === 'failed') return `failed to load: ${plugin.error ?? 'no reason given'}`;
  return `failed to load: its plugin ${plugin.name} is active but did not register it`;
}

/**
 * Why provider `type` is not registered: no plugin provides it (`ai_provider_not_installed`, 404),
 * its plugin is disabled (`ai_provider_disabled`, 503, saying how to enable it) or failed to load
 * (`ai_provider_failed`, 503, with the plugin's reason).
 */
export function missingProviderError(type: string, plugins: AiProviderPlugins | undefined, registered: readonly string[]): DwcError {
  const entry = plugins?.().find((p) => p.type === type);
  if (!entry) {
    const others = registered.length > 0 ? registered.join(', ') : 'none';
    return new NotFoundError(`AI provider "${type}" is not installed: no plugin provides it (available: ${others}). Install a plugin that provides it, or name another provider.`, {
      code: 'ai_provider_not_installed',
      details: { provider: type },
    });
  }
  const { plugin } = entry;
  const details = { provider: type, plugin: plugin.name, state: plugin.state, ...(plugin.errorCode ? { reason: plugin.errorCode } : {}) };
  const code = plugin.state === 'disabled' ? 'ai_provider_disabled' : 'ai_provider_failed';
  const said = `AI provider "${type}" ${plugin.state === 'disabled' ? 'is ' : ''}${inactiveReason(plugin)}`;
  return new UnavailableError(/[.!?]$/.test(said) ? said : `${said}.`, { code, details });
}

/** One provider the default chain could not use, and what to do about it. */
export interface NotSetUp {
  provider: string;
  hint: string;
}

export interface DefaultChain {
  /** Providers to try, in order; `probe` ones are tried only when their health answers. */
  candidates: { provider: AiProviderDefinition; probe: boolean }[];
  /** Providers left out, each with what to set. */
  notSetUp: NotSetUp[];
}

/**
 * The chain when no provider is named anywhere (request, workflow, DWC_AI_FALLBACK): the providers
 * that can do `operation` and are set up. First the configured ones that call out (an API key is
 * set), in registration order; then those that need a local server (Ollama), when its health
 * answers; last the in-process ones (the `local` analyser, which cannot generate and so is left
 * out of generation). Providers of disabled or failed plugins are listed with what to do.
 */
export function defaultChain(operation: AiOperation, providers: readonly AiProviderDefinition[], plugins: AiProviderPlugins | undefined): DefaultChain {
  const ranked: { provider: AiProviderDefinition; probe: boolean; rank: number }[] = [];
  const notSetUp: NotSetUp[] = [];
  for (const provider of providers) {
    const readiness = provider.readiness ?? { state: 'configured' as const };
    if (!canDo(provider, operation)) notSetUp.push({ provider: provider.type, hint: `cannot ${DOING[operation]}` });
    else if (readiness.state === 'unconfigured') notSetUp.push({ provider: provider.type, hint: readiness.hint });
    else if (readiness.state === 'probe') ranked.push({ provider, probe: true, rank: 1 });
    else ranked.push({ provider, probe: false, rank: provider.capabilities.offline ? 2 : 0 });
  }
  const registered = new Set(providers.map((p) => p.type));
  for (const { type, plugin } of plugins?.() ?? []) {
    if (!registered.has(type)) notSetUp.push({ provider: type, hint: inactiveReason(plugin) });
  }
  const candidates = ranked.sort((a, b) => a.rank - b.rank).map(({ provider, probe }) => ({ provider, probe }));
  return { candidates, notSetUp };
}

/** No provider named, none set up: 503 `ai_no_provider`, listing each provider and what to set for it. */
export function noProviderError(operation: AiOperation, notSetUp: readonly NotSetUp[]): UnavailableError {
  const listed = notSetUp.length > 0
    ? notSetUp.map((p) => `${p.provider}: ${p.hint}`).join('; ')
    : 'no AI provider plugin is installed and enabled (ai-local works offline for analysis and embeddings)';
  return new UnavailableError(`No AI provider is set up to ${DOING[operation]}. ${listed}. Or name a provider in the request, or set DWC_AI_FALLBACK.`, {
    code: 'ai_no_provider',
    details: { operation, providers: notSetUp },
  });
}
