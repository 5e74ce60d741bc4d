import type { EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { CacheStore } from '../cache/cache-store.js';
import type { DwcConfig } from '../config/settings.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { Registries } from '../plugin-host/registries.js';
import type { SqlClient } from '../storage/sql-client.js';
import { createAiService, type AiService } from './ai-service.js';
import { createAiWorkflowStore, type AiWorkflowStore } from './ai-workflow-store.js';
import { startAutoEmbed } from './auto-embed.js';
import { createEmbeddingStore, type EmbeddingStore } from './embedding-store.js';
import type { AiProviderPlugins } from './provider-availability.js';
import { createStepAiFactory, type StepAiFactory } from './step-ai.js';
import { createAiUsageStore, type AiUsageEntry, type AiUsageStore } from './usage-store.js';

/** The AI part of a runtime: the service, its stores, and the factory of each step's `ctx.ai`. */
export interface AiRuntime {
  service: AiService;
  usage: AiUsageStore;
  embeddings: EmbeddingStore;
  workflows: AiWorkflowStore;
  stepAi: StepAiFactory;
  /** Most vectors one semantic search scores (`aiSearchMaxVectors`). */
  searchMaxVectors: number;
  /** Stops background work (auto-embedding) and writes buffered usage rows. */
  close(): Promise<void>;
}

/** Builds the AI runtime from settings; `cache` undefined means no response caching. */
export function createAiRuntime(deps: {
  config: DwcConfig;
  sql: SqlClient;
  registries: Registries;
  events: EventBus;
  documents: DocumentStore;
  cache: CacheStore | undefined;
  logger: Logger;
  /** Which plugin provides each AI provider type, in any state (the plugin host's `providersOf('ai-provider')`). */
  plugins?: AiProviderPlugins;
  /** Told of every AI call as it is recorded (metrics). */
  onUsage?: (entry: AiUsageEntry) => void;
}): AiRuntime {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'ai' });
  const usage = createAiUsageStore(deps.sql, { logger, ...(deps.onUsage ? { onRecord: deps.onUsage } : {}) });
  const embeddings = createEmbeddingStore(deps.sql);
  const service = createAiService({
    registries: deps.registries,
    cache: deps.cache,
    usage,
    logger,
    ...(deps.plugins ? { plugins: deps.plugins } : {}),
    settings: { fallback: config.aiFallback, timeoutMs: config.aiTimeoutMs, prices: config.aiPrices, cacheTtlMs: config.aiCacheTtlMs, healthCacheMs: config.aiHealthCacheMs },
  });
  const autoEmbed = config.aiAutoEmbed ? startAutoEmbed({ events: deps.events, documents: deps.documents, ai: service, embeddings, logger }) : undefined;
  return {
    service,
    usage,
    embeddings,
    workflows: createAiWorkflowStore(deps.sql),
    stepAi: createStepAiFactory({ ai: service, embeddings, documents: deps.documents, events: deps.events, tokenCoalesceMs: config.aiTokenCoalesceMs }),
    searchMaxVectors: config.aiSearchMaxVectors,
    async close() {
      autoEmbed?.stop();
      await autoEmbed?.idle();
      await usage.close();
    },
  };
}
