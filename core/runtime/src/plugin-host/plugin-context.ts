import { CAPABILITY_KINDS, type CapabilityKindName, type EventBus, type HostInfo, type Logger, type PluginContext, type Registrar } from '@dwc/sdk';
import type { CacheStore } from '../cache/cache-store.js';
import { pluginCache } from '../cache/plugin-cache.js';
import { deepFreeze } from '../config/deep-freeze.js';
import type { CapabilityKind } from './registries.js';

/** A registration made during `setup`, applied to the registries only if setup succeeds. */
export interface StagedCapability {
  kind: CapabilityKind;
  definition: { type: string; kind: string };
}

/** Each registrar's kind and factory, from the SDK's one list. */
const kindOfRegistrar = Object.fromEntries(
  (Object.entries(CAPABILITY_KINDS) as [CapabilityKindName, (typeof CAPABILITY_KINDS)[CapabilityKindName]][]).map(([kind, { registrar, factory }]) => [registrar, { kind, factory }]),
) as Record<CapabilityKind, { kind: CapabilityKindName; factory: string }>;

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
  host: HostInfo;
}): { ctx: PluginContext<Config>; staged: StagedCapability[]; close(): void } {
  const staged: StagedCapability[] = [];
  let open = true;
  const registrar = <D extends { type: string; kind: string }>(kind: CapabilityKind): Registrar<D> => ({
    register(definition) {
      if (!open) throw new Error(`Plugin ${options.name}: register ${kind} only during setup.`);
      const expected = kindOfRegistrar[kind];
      if (definition?.kind !== expected.kind) {
        throw new TypeError(`Plugin ${options.name}: ctx.${kind}.register() takes a definition made by the SDK's ${expected.factory}().`);
      }
      staged.push({ kind, definition });
    },
  });
  const ctx: PluginContext<Config> = {
    name: options.name,
    host: options.host,
    // Frozen through and through: a plugin cannot change its config under the host or itself.
    config: deepFreeze(options.config) as Config,
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
