import type { EventBus, Logger, PluginContext, Registrar } from '@dwc/sdk';
import type { CacheStore } from '../cache/cache-store.js';
import { pluginCache } from '../cache/plugin-cache.js';
import type { CapabilityKind } from './registries.js';

/** A registration made during `setup`, applied to the registries only if setup succeeds. */
export interface StagedCapability {
  kind: CapabilityKind;
  definition: { type: string; kind: string };
}

const expectedKind: Record<CapabilityKind, string> = {
  actions: 'action',
  triggers: 'trigger',
  channels: 'channel',
  aiProviders: 'ai-provider',
  exporters: 'exporter',
};

/**
 * Builds the `ctx` one plugin's `setup` receives. Registrations are staged in `staged`; after
 * `close()` (setup finished) any further registration is refused.
 */
export function createPluginContext<Config>(options: {
  name: string;
  config: Config;
  log: Logger;
  secrets: Record<string, string>;
  /** The plugin's own folder under the data folder, when the host has one. */
  dataDir?: string;
  /** The process's cache store; the plugin sees it through `plugin:<name>:`. */
  cache: CacheStore;
  events: EventBus;
}): { ctx: PluginContext<Config>; staged: StagedCapability[]; close(): void } {
  const staged: StagedCapability[] = [];
  let open = true;
  const registrar = <D extends { type: string; kind: string }>(kind: CapabilityKind): Registrar<D> => ({
    register(definition) {
      if (!open) throw new Error(`Plugin ${options.name}: register ${kind} only during setup.`);
      if (definition?.kind !== expectedKind[kind]) {
        throw new TypeError(
          `Plugin ${options.name}: ctx.${kind}.register() takes a definition made by the SDK's define${expectedKind[kind] === 'ai-provider' ? 'AiProvider' : capitalise(expectedKind[kind])}().`,
        );
      }
      staged.push({ kind, definition });
    },
  });
  const ctx: PluginContext<Config> = {
    name: options.name,
    config: options.config,
    log: options.log,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    secrets: Object.freeze({ ...options.secrets }),
    cache: pluginCache(options.cache, options.name),
    events: options.events,
    actions: registrar('actions'),
    triggers: registrar('triggers'),
    channels: registrar('channels'),
    aiProviders: registrar('aiProviders'),
    exporters: registrar('exporters'),
  };
  return { ctx, staged, close: () => void (open = false) };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
