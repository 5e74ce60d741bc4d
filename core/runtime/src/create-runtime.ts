import { ConfigError, type EventBus } from '@dwc/sdk';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { DwcConfig } from './config/settings.js';
import { createEventBus } from './events/event-bus.js';
import { checkReadiness, type ReadinessReport } from './health/readiness.js';
import { discoverPlugins } from './plugin-host/discover-plugins.js';
import { createPluginHost, type PluginConfigStore, type PluginHost } from './plugin-host/plugin-host.js';
import { createRegistries, type Registries } from './plugin-host/registries.js';
import { sdkVersion } from './plugin-host/sdk-version.js';
import { openDatabase, pluginConfigRepository, type Database } from './storage/index.js';

/** Everything a running dwc process holds, independent of HTTP. */
export interface Runtime {
  config: DwcConfig;
  logger: Logger;
  database: Database;
  events: EventBus;
  registries: Registries;
  plugins: PluginHost;
  readiness(): Promise<ReadinessReport>;
  /** Disposes plugins, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export interface CreateRuntimeOptions {
  config: DwcConfig;
  logger: Logger;
  /** Run pending migrations at start (the default); `dwc doctor` reports them instead. */
  migrate?: boolean;
  /** Folder DWC_PLUGINS names are resolved from. */
  cwd?: string;
}

const unmigratedPluginStore: PluginConfigStore = {
  get: async () => undefined,
  save: async () => {
    throw new ConfigError('The database is not migrated yet; run `dwc migrate` before changing plugin settings.');
  },
};

/** Opens the database, applies migrations and loads the plugins: a ready runtime. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    if (options.migrate !== false) await database.migrate();
    const migrated = options.migrate !== false || (await database.pendingMigrations()).length === 0;
    const events = createEventBus(logger);
    const registries = createRegistries();
    const plugins = createPluginHost({
      logger,
      events,
      registries,
      // An unmigrated database (inspection commands skip migrating) has no stored plugin settings yet.
      store: migrated ? pluginConfigRepository(database.dataSource) : unmigratedPluginStore,
      secrets: { get: (name) => process.env[name] },
      cache: new LRUCache({ max: 10_000 }),
      sdkVersion: sdkVersion(),
    });
    const { candidates, missing } = await discoverPlugins({ pluginsDir: config.pluginsDir, packageNames: config.plugins, cwd: options.cwd ?? process.cwd() });
    await plugins.load(candidates);
    plugins.reportMissing(missing);

    let closed: Promise<void> | undefined;
    return {
      config,
      logger,
      database,
      events,
      registries,
      plugins,
      readiness: () =>
        checkReadiness({
          pingDatabase: () => database.ping(),
          plugins: plugins.list(),
          aiProviders: registries.aiProviders.list().map((entry) => entry.definition),
          logger,
        }),
      close: () =>
        (closed ??= (async () => {
          await plugins.disposeAll();
          await database.close();
        })()),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
