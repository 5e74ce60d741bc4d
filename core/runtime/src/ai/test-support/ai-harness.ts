import { fileURLToPath } from 'node:url';
import type { EventBus } from '@dwc/sdk';
import type { CacheStore } from '../../cache/cache-store.js';
import { createMemoryCacheStore } from '../../cache/memory-cache-store.js';
import { createEventBus } from '../../events/event-bus.js';
import { startEngine } from '../../executions/test-support/engine-harness.js';
import { createPluginHost } from '../../plugin-host/plugin-host.js';
import { createRegistries, type Registries } from '../../plugin-host/registries.js';
import { sdkVersion } from '../../plugin-host/sdk-version.js';
import type { Dialect } from '../../storage/dialect.js';
import { silentLogger } from '../../storage/test-support/open-test-database.js';
import { createAiService, type AiServiceSettings } from '../ai-service.js';
import { createAiWorkflowStore } from '../ai-workflow-store.js';
import { createEmbeddingStore } from '../embedding-store.js';
import { createStepAiFactory } from '../step-ai.js';
import { createAiUsageStore } from '../usage-store.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../../../${path}`, import.meta.url));

/** The scripted provider fixture plugin (providers `scripted` and `scripted-b`). */
export const SCRIPTED_PLUGIN_DIR = repo('tests/fixtures/plugins/ai-scripted');
/** Plugin folders an AI workflow needs besides the providers. */
export const AI_ACTION_PLUGIN_DIRS = [repo('plugins/action-ai'), repo('plugins/action-transform')];

/** The real memory cache store, noting which keys were written (`entries`) so tests can look at them. */
export function memoryCacheStore(): CacheStore & { entries: Set<string> } {
  const store = createMemoryCacheStore({ maxBytes: 8 * 1024 * 1024, defaultTtlMs: 0 });
  const entries = new Set<string>();
  return {
    ...store,
    entries,
    async set(key, value, ttlMs) {
      await store.set(key, value, ttlMs);
      entries.add(key);
    },
    async delete(key) {
      entries.delete(key);
      return store.delete(key);
    },
  };
}

/** Loads plugin folders through the real plugin host into `registries`. */
export async function loadPluginDirs(registries: Registries, events: EventBus, dirs: readonly string[]) {
  const host = createPluginHost({
    logger: silentLogger,
    events,
    registries,
    store: { get: async () => undefined, list: async () => [], save: async () => undefined },
    secrets: { get: async (name) => process.env[name] },
    cache: createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 }),
    sdkVersion: sdkVersion(),
  });
  const statuses = await host.load(dirs.map((dir) => ({ dir, source: 'folder' as const })));
  const failed = statuses.filter((s) => s.state === 'failed');
  if (failed.length > 0) throw new Error(`plugins failed to load: ${failed.map((s) => `${s.name}: ${s.error ?? ''}`).join('; ')}`);
  return host;
}

export const defaultAiSettings: AiServiceSettings = { fallback: [], timeoutMs: 5_000, prices: {}, cacheTtlMs: 60_000, healthCacheMs: 1_000 };

/** The engine on a real database with the AI actions, the transform action and the scripted providers loaded as plugins. */
export async function startAiEngine(dialect: Dialect, options: { cache?: CacheStore; settings?: Partial<AiServiceSettings>; tokenCoalesceMs?: number } = {}) {
  let parts: Omit<ReturnType<typeof buildAi>, 'stepAi'> | undefined;
  const buildAi = (deps: Parameters<NonNullable<NonNullable<Parameters<typeof startEngine>[1]>['stepAi']>>[0]) => {
    const usage = createAiUsageStore(deps.sql, { logger: silentLogger, flushAfterMs: 5 });
    const embeddings = createEmbeddingStore(deps.sql);
    const ai = createAiService({ registries: deps.registries, cache: options.cache, usage, logger: silentLogger, settings: { ...defaultAiSettings, ...options.settings } });
    const stepAi = createStepAiFactory({ ai, embeddings, documents: deps.documents, events: deps.events, tokenCoalesceMs: options.tokenCoalesceMs ?? 0 });
    return { ai, usage, embeddings, aiWorkflows: createAiWorkflowStore(deps.sql), stepAi };
  };
  const engine = await startEngine(dialect, {
    stepAi: (deps) => {
      const built = buildAi(deps);
      parts = built;
      return built.stepAi;
    },
  });
  await loadPluginDirs(engine.registries, engine.events, [...AI_ACTION_PLUGIN_DIRS, SCRIPTED_PLUGIN_DIR]);
  return { ...engine, ...parts! };
}

/** Just the AI service over the scripted providers, without an engine (usage rows go to `usage`). */
export async function scriptedRegistries(): Promise<{ registries: Registries; events: EventBus }> {
  const registries = createRegistries();
  const events = createEventBus(silentLogger);
  await loadPluginDirs(registries, events, [SCRIPTED_PLUGIN_DIR]);
  return { registries, events };
}
