import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, I18N_LANGUAGES, InputError, NotFoundError, SDK_API_VERSION, describeZodError, toFieldErrors, withSchemaI18n, z } from '@dwc/sdk';
import type { CapabilityKindName, Dispose, EventBus, HostInfo, Logger as SdkLogger, PluginDefinition } from '@dwc/sdk';
import type { Logger } from 'pino';
import { checkSdkRange, readPluginManifest, type PluginManifest } from './plugin-manifest.js';
import type { CacheStore } from '../cache/cache-store.js';
import { createPluginContext } from './plugin-context.js';
import { PluginLoadError } from './plugin-load-error.js';
import type { PluginStatus } from './plugin-status.js';
import type { Registries } from './registries.js';
import type { PluginCandidate } from './discover-plugins.js';

/** Where the host keeps each plugin's config and enabled flag. */
export interface PluginConfigStore {
  get(pluginName: string): Promise<{ enabled: boolean; config: unknown } | undefined>;
  /** Every stored entry, read once when the plugins load. */
  list(): Promise<{ pluginName: string; enabled: boolean; config: unknown }[]>;
  save(entry: { pluginName: string; enabled: boolean; config: unknown }): Promise<unknown>;
}

/** Where declared secrets come from (the vault, then the environment: see security/vault/plugin-secret-source.ts). */
export interface SecretSource {
  /** The value of secret `name` for plugin `plugin`, or undefined when it is not set. */
  get(name: string, plugin: string): Promise<string | undefined>;
}

export interface PluginHostOptions {
  logger: Logger;
  events: EventBus;
  registries: Registries;
  store: PluginConfigStore;
  secrets: SecretSource;
  /** The process's cache store; each plugin's `ctx.cache` is a prefixed view of it. */
  cache: CacheStore;
  /** Version of the @dwc/sdk package this host was built with. */
  sdkVersion: string;
  /** Where the plugins run (`ctx.host`); by default the desktop shape with private networks allowed. */
  host?: HostInfo;
  setupTimeoutMs?: number;
  /** The data folder; each plugin gets `<dataDir>/plugins/<package name>` as `ctx.dataDir`. */
  dataDir?: string;
}

interface PluginRecord {
  name: string;
  source: PluginCandidate['source'];
  manifest?: PluginManifest;
  definition?: PluginDefinition;
  state: PluginStatus['state'];
  error?: PluginLoadError;
  dispose?: Dispose;
  capabilities: { kind: string; type: string }[];
  /** `kind:type` of every capability it registered since the process started (kept while disabled or failed). */
  registeredBefore: Set<string>;
  /** JSON Schema of the config, built when first asked for (by the API), not at start. */
  configSchema?: Record<string, unknown>;
}

type StoredConfig = { enabled: boolean; config: unknown } | undefined;

export type PluginHost = ReturnType<typeof createPluginHost>;

const DESKTOP_HOST: HostInfo = Object.freeze({ shape: 'desktop', denyPrivateNetworks: false, allowedPrivateHosts: [], watchRoots: [] });

/**
 * Loads plugins, validates them before and after import, runs their `setup`, and keeps one
 * status per plugin. A plugin that fails is reported with its reason while the others load.
 */
export function createPluginHost(options: PluginHostOptions) {
  const records = new Map<string, PluginRecord>();
  const setupTimeoutMs = options.setupTimeoutMs ?? 10_000;

  async function load(candidates: readonly PluginCandidate[]): Promise<PluginStatus[]> {
    const seen = new Set<string>();
    const stored = new Map((await options.store.list()).map((entry) => [entry.pluginName, entry]));
    for (const candidate of candidates) {
      const dir = await realpath(candidate.dir).catch(() => candidate.dir);
      if (seen.has(dir)) continue;
      seen.add(dir);
      await loadOne({ ...candidate, dir }, (name) => stored.get(name));
    }
    return list();
  }

  async function loadOne(candidate: PluginCandidate, storedConfigOf: (name: string) => StoredConfig): Promise<void> {
    let record: PluginRecord = { name: candidate.dir, source: candidate.source, state: 'failed', capabilities: [], registeredBefore: new Set() };
    try {
      const manifest = await readPluginManifest(candidate.dir);
      if (records.has(manifest.name)) {
        options.logger.warn({ plugin: manifest.name, dir: candidate.dir }, 'plugin found twice; keeping the first');
        return;
      }
      record = { ...record, name: manifest.name, manifest };
      records.set(record.name, record);
      checkSdkRange(manifest, options.sdkVersion);
      record.definition = await importDefinition(manifest);
      const stored = storedConfigOf(record.name);
      if (stored && !stored.enabled) {
        record.state = 'disabled';
        options.logger.info({ plugin: record.name }, 'plugin disabled');
        return;
      }
      await activate(record, stored?.config ?? {});
    } catch (error) {
      if (!record.manifest && error instanceof PluginLoadError) record.name = error.plugin;
      fail(record, error);
      records.set(record.name, record);
    }
  }

  async function importDefinition(manifest: PluginManifest): Promise<PluginDefinition> {
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(manifest.entry).href)) as { default?: unknown };
    } catch (error) {
      throw new PluginLoadError(manifest.name, 'plugin_import_failed', `importing ${manifest.entry} failed: ${(error as Error).message}`, { cause: error });
    }
    const definition = module.default as Partial<PluginDefinition> | undefined;
    if (!definition || typeof definition.setup !== 'function' || typeof definition.apiVersion !== 'number') {
      throw new PluginLoadError(manifest.name, 'plugin_export_invalid', 'its module must default-export definePlugin({...}) from @dwc/sdk.');
    }
    if (definition.name !== manifest.name) {
      throw new PluginLoadError(manifest.name, 'plugin_export_invalid', `definePlugin name "${definition.name}" differs from the package name "${manifest.name}".`);
    }
    if (definition.apiVersion !== SDK_API_VERSION) {
      throw new PluginLoadError(
        manifest.name,
        'plugin_api_version_mismatch',
        `was built for plugin API v${definition.apiVersion} but this host speaks v${SDK_API_VERSION}; install a version of ${manifest.name} built for @dwc/sdk ${SDK_API_VERSION}.x.`,
      );
    }
    return definition as PluginDefinition;
  }

  async function activate(record: PluginRecord, rawConfig: unknown): Promise<void> {
    const definition = record.definition!;
    const parsed = definition.config.safeParse(rawConfig);
    if (!parsed.success) {
      const problems = Object.entries(toFieldErrors(parsed.error)).map(([field, messages]) => `setting \`${field}\` (config): ${messages.join(', ')}`);
      throw new PluginLoadError(record.name, 'plugin_config_invalid', `${problems.join('; ')}; fix it with PUT /api/v3/plugins/${record.name}/config.`, {
        details: toFieldErrors(parsed.error),
      });
    }
    const log = options.logger.child({ plugin: record.name });
    const secrets: Record<string, string> = {};
    const values = await Promise.all(definition.permissions.secrets.map((name) => options.secrets.get(name, record.name)));
    definition.permissions.secrets.forEach((name, i) => {
      if (values[i] !== undefined) secrets[name] = values[i];
    });
    const { ctx, staged, close } = createPluginContext({
      name: record.name,
      config: parsed.data,
      log: log as unknown as SdkLogger,
      secrets,
      ...(options.dataDir === undefined ? {} : { dataDir: join(options.dataDir, 'plugins', ...record.name.split('/')) }),
      cache: options.cache,
      events: options.events,
      host: options.host ?? DESKTOP_HOST,
    });
    let dispose: Dispose | undefined;
    try {
      dispose = (await withTimeout(Promise.resolve(definition.setup(ctx)), setupTimeoutMs, record.name)) ?? undefined;
    } catch (error) {
      close();
      if (error instanceof PluginLoadError) throw error;
      // A setting the plugin read (its config or a declared secret) is unusable: the message names it.
      if (error instanceof ConfigError) throw new PluginLoadError(record.name, 'plugin_config_invalid', error.message, { details: error.details, cause: error });
      throw new PluginLoadError(record.name, 'plugin_setup_failed', `setup threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    close();
    try {
      for (const { kind, definition: capability } of staged) {
        options.registries[kind].register(capability as never, record.name);
      }
    } catch (error) {
      for (const registry of Object.values(options.registries)) registry.removePlugin(record.name);
      await dispose?.();
      throw new PluginLoadError(record.name, 'plugin_setup_failed', (error as Error).message, { cause: error });
    }
    record.dispose = dispose;
    record.capabilities = staged.map(({ kind, definition: capability }) => ({ kind: options.registries[kind].kind, type: capability.type }));
    for (const { kind, type } of record.capabilities) record.registeredBefore.add(`${kind}:${type}`);
    record.state = 'active';
    delete record.error;
    log.info({ capabilities: record.capabilities.map((c) => `${c.kind}:${c.type}`) }, 'plugin loaded');
    options.events.emit('plugin.loaded', { plugin: record.name });
  }

  async function deactivate(record: PluginRecord): Promise<void> {
    for (const registry of Object.values(options.registries)) registry.removePlugin(record.name);
    const dispose = record.dispose;
    record.dispose = undefined;
    record.capabilities = [];
    if (dispose) {
      try {
        await dispose();
      } catch (error) {
        options.logger.error({ plugin: record.name, err: error }, 'plugin dispose threw');
      }
    }
  }

  function fail(record: PluginRecord, error: unknown): void {
    const loadError = error instanceof PluginLoadError
      ? error
      : new PluginLoadError(record.name, 'plugin_setup_failed', (error as Error)?.message ?? String(error), { cause: error });
    record.state = 'failed';
    record.error = loadError;
    options.logger.error({ plugin: record.name, code: loadError.code }, loadError.message);
    options.events.emit('plugin.failed', { plugin: record.name, code: loadError.code, message: loadError.message });
  }

  function findRecord(name: string): PluginRecord {
    const record = records.get(name);
    if (!record) throw new NotFoundError(`No plugin named "${name}" is installed.`, { code: 'plugin_not_found', values: { name } });
    return record;
  }

  async function setEnabled(name: string, enabled: boolean): Promise<PluginStatus> {
    const record = findRecord(name);
    if (!record.definition) {
      throw new InputError(`Plugin ${name} cannot be ${enabled ? 'enabled' : 'disabled'}: ${record.error?.message ?? 'it did not load'}.`, { code: 'plugin_not_loadable' });
    }
    const stored = await options.store.get(name);
    await options.store.save({ pluginName: name, enabled, config: stored?.config ?? {} });
    if (enabled && record.state !== 'active') {
      try {
        await activate(record, stored?.config ?? {});
      } catch (error) {
        fail(record, error);
      }
    } else if (!enabled && record.state !== 'disabled') {
      await deactivate(record);
      record.state = 'disabled';
      delete record.error;
      options.events.emit('plugin.disabled', { plugin: name });
    }
    return status(record);
  }

  async function configure(name: string, config: unknown): Promise<PluginStatus> {
    const record = findRecord(name);
    if (!record.definition) throw new InputError(`Plugin ${name} did not load, so it cannot be configured: ${record.error?.message}`, { code: 'plugin_not_loadable' });
    const parsed = record.definition.config.safeParse(config);
    if (!parsed.success) {
      throw new InputError(`Config for plugin ${name} is invalid: ${describeZodError(parsed.error)}`, { details: toFieldErrors(parsed.error) });
    }
    const enabled = record.state !== 'disabled';
    await options.store.save({ pluginName: name, enabled, config });
    if (enabled) {
      await deactivate(record);
      try {
        await activate(record, config);
      } catch (error) {
        fail(record, error);
      }
    }
    return status(record);
  }

  function status(record: PluginRecord): PluginStatus {
    const result: PluginStatus = {
      name: record.name,
      version: record.manifest?.version ?? 'unknown',
      description: record.manifest?.description || record.definition?.description || '',
      kinds: record.manifest?.dwc.kinds ?? [],
      state: record.state,
      ...(record.error ? { error: record.error.message, errorCode: record.error.code } : {}),
      capabilities: record.capabilities,
      ...pluginI18n(record.manifest, record.definition),
      permissions: record.definition?.permissions ?? { network: [], secrets: [], filesystem: [] },
      source: record.source,
    };
    const definition = record.definition;
    if (definition) {
      Object.defineProperty(result, 'configSchema', {
        enumerable: true,
        get: () => (record.configSchema ??= withSchemaI18n(z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, definition.i18n)),
      });
    }
    return result;
  }

  function list(): PluginStatus[] {
    return [...records.values()].map(status);
  }

  function get(name: string): PluginStatus {
    return status(findRecord(name));
  }

  /** Records packages named in DWC_PLUGINS that could not be found, so they show as failed. */
  function reportMissing(names: readonly string[]): void {
    for (const name of names) {
      const record: PluginRecord = { name, source: 'package', state: 'failed', capabilities: [], registeredBefore: new Set() };
      records.set(name, record);
      fail(record, new PluginLoadError(name, 'plugin_not_found', `package not found; install it (npm install ${name}) or remove it from DWC_PLUGINS.`));
    }
  }

  /**
   * Every type of `kind` an installed plugin provides, whatever the plugin's state, with its status:
   * what it registered, what its manifest declares (`dwc.provides`) and what it registered before it
   * was disabled or failed. Lets a caller tell "not installed" from "disabled" or "failed to load".
   */
  function providersOf(kind: CapabilityKindName): { type: string; plugin: PluginStatus }[] {
    const found = new Map<string, { type: string; plugin: PluginStatus }>();
    for (const record of records.values()) {
      const types = new Set([
        ...record.capabilities.filter((c) => c.kind === kind).map((c) => c.type),
        ...(record.manifest?.dwc.provides[kind] ?? []),
        ...[...record.registeredBefore].filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1)),
      ]);
      for (const type of types) {
        // The plugin that has it registered wins over one that only declares it.
        if (!found.has(type) || record.state === 'active') found.set(type, { type, plugin: status(record) });
      }
    }
    return [...found.values()];
  }

  /** The settings stored for a plugin (`{}` when none were saved); secrets are never in them. */
  async function storedConfig(name: string): Promise<Record<string, unknown>> {
    findRecord(name);
    const config = (await options.store.get(name))?.config;
    return config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  }

  /** Disposes every active plugin, last loaded first. */
  async function disposeAll(): Promise<void> {
    for (const record of [...records.values()].reverse()) {
      if (record.state === 'active') await deactivate(record);
    }
  }

  return { load, reportMissing, list, get, providersOf, setEnabled, configure, storedConfig, disposeAll };
}

function withTimeout<T>(promise: Promise<T>, ms: number, plugin: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginLoadError(plugin, 'plugin_setup_timeout', `setup did not finish within ${ms} ms; setup must only register capabilities.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A plugin's texts in other languages: package.json `dwc.i18n` first (known before its code loads), then its definition's. */
function pluginI18n(manifest: PluginManifest | undefined, definition: PluginDefinition | undefined): Pick<PluginStatus, 'i18n' | 'configI18n'> {
  const out: Pick<PluginStatus, 'i18n' | 'configI18n'> = {};
  for (const language of I18N_LANGUAGES) {
    const own = definition?.i18n?.[language];
    const declared = manifest?.dwc.i18n?.[language];
    const name = declared?.name ?? own?.name;
    const description = declared?.description ?? own?.description;
    if (name !== undefined || description !== undefined) (out.i18n ??= {})[language] = { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
    if (own?.fields !== undefined) (out.configI18n ??= {})[language] = own.fields;
  }
  return out;
}
