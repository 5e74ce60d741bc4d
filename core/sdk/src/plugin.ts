import { z } from 'zod';
import type { ActionDefinition } from './action.js';
import type { AiProviderDefinition } from './ai-provider.js';
import type { Cache } from './cache.js';
import type { ChannelDefinition } from './channel.js';
import type { EventBus } from './events.js';
import type { ExporterDefinition } from './exporter.js';
import type { Logger } from './logger.js';
import type { TriggerDefinition } from './trigger.js';
import { assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';

/** What a plugin may touch. The host hands a plugin only what it declared here. */
export const permissionsSchema = z.object({
  /** Host names (or `*.example.com`) the plugin connects to. */
  network: z.array(z.string().min(1)).default([]),
  /** Names of the secrets the plugin reads, e.g. `OPENAI_API_KEY`. */
  secrets: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'secret names are letters, digits and _')).default([]),
  /** Filesystem paths the plugin reads or writes. */
  filesystem: z.array(z.string().min(1)).default([]),
});
export type Permissions = z.output<typeof permissionsSchema>;

/** Adds one capability of a kind; a duplicate type is refused with both plugins named. */
export interface Registrar<Definition> {
  register(definition: Definition): void;
}

/**
 * Where a plugin runs, filled in by the host, so a plugin can pick defaults that fit without
 * reading the environment or knowing the runtime.
 */
export interface HostInfo {
  /**
   * `team`: a server sharing a Postgres database (`DATABASE_URL`) with a team; `desktop`: one
   * operator's SQLite database (the desktop app, or `dwc serve` without `DATABASE_URL`).
   */
  shape: 'team' | 'desktop';
  /**
   * Whether requests to URLs that users give must refuse loopback, private and link-local
   * addresses unless the plugin's own settings say otherwise (`DWC_DENY_PRIVATE_NETWORKS`; on by
   * default on the team shape, off on the desktop shape so local tools such as Ollama stay reachable).
   */
  denyPrivateNetworks: boolean;
  /**
   * Hosts exempt from `denyPrivateNetworks` on this server (`DWC_ALLOWED_PRIVATE_HOSTS`): exact
   * names or IP literals as URLs give them, lower case, e.g. an internal API or a local receiver.
   */
  allowedPrivateHosts: readonly string[];
  /**
   * Folders a plugin may watch for files (`DWC_WATCH_ROOTS`, plus on the desktop the folders the
   * operator picked); empty: none. The list may grow while the host runs: read it when checking,
   * never keep a copy.
   */
  readonly watchRoots: readonly string[];
}

/** What `setup` receives. Everything is scoped to the plugin. */
export interface PluginContext<Config = unknown> {
  /** The plugin's package name. */
  name: string;
  /** Where the plugin runs. */
  host: Readonly<HostInfo>;
  /** The stored config, validated against the plugin's `config` schema; frozen, so changing it throws. */
  config: Config;
  log: Logger;
  /**
   * A folder of the plugin's own under the host's data folder (`<data>/plugins/<name>`), for files it
   * keeps across restarts (generated keys); created on first write by the plugin. Absent when the host has no data folder.
   */
  dataDir?: string;
  /** Only the secrets named in `permissions.secrets` that are set; others are absent. Read them with `readSetting`. */
  secrets: Readonly<Record<string, string>>;
  cache: Cache;
  events: EventBus;
  actions: Registrar<ActionDefinition>;
  triggers: Registrar<TriggerDefinition>;
  channels: Registrar<ChannelDefinition>;
  aiProviders: Registrar<AiProviderDefinition>;
  exporters: Registrar<ExporterDefinition>;
}

/** Undoes what `setup` did (closes clients, timers). Called when the plugin is disabled or the host stops. */
export type Dispose = () => void | Promise<void>;

export interface PluginSpec<ConfigSchema extends z.ZodType> {
  /** Must equal the package name in package.json. */
  name: string;
  /** The SDK major the plugin was built for (`SDK_API_VERSION` when it was built). */
  apiVersion: number;
  description: string;
  /** Texts in other languages (`es`): name, description and the settings form's fields by path. */
  i18n?: I18nTexts;
  /** Schema of the plugin's settings; also drives the settings form and the OpenAPI document. */
  config?: ConfigSchema;
  permissions?: z.input<typeof permissionsSchema>;
  /** Registers capabilities. Runs sequentially per plugin; must not do long work before returning. */
  setup(ctx: PluginContext<z.output<ConfigSchema>>): void | Dispose | Promise<void | Dispose>;
}

export interface PluginDefinition<ConfigSchema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly apiVersion: number;
  readonly description: string;
  readonly i18n?: I18nTexts;
  readonly config: ConfigSchema;
  readonly permissions: Permissions;
  setup(ctx: PluginContext<z.output<ConfigSchema>>): void | Dispose | Promise<void | Dispose>;
}

const emptyConfig = z.object({}).strict();

/**
 * Declares a plugin; its module's default export. Fills in defaults (no config, no permissions)
 * and checks the declaration once. The version is the package.json version, never repeated here.
 */
export function definePlugin<ConfigSchema extends z.ZodType = typeof emptyConfig>(
  spec: PluginSpec<ConfigSchema>,
): PluginDefinition<ConfigSchema> {
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new TypeError('definePlugin: "name" must be the package name.');
  }
  if (!Number.isInteger(spec.apiVersion) || spec.apiVersion < 1) {
    throw new TypeError(`definePlugin(${spec.name}): "apiVersion" must be a positive integer (use SDK_API_VERSION).`);
  }
  if (spec.config !== undefined && !(spec.config instanceof z.ZodType)) {
    throw new TypeError(`definePlugin(${spec.name}): "config" must be a zod schema.`);
  }
  assertFunction(`definePlugin(${spec.name})`, 'setup', spec.setup);
  const permissions = permissionsSchema.safeParse(spec.permissions ?? {});
  if (!permissions.success) {
    throw new TypeError(`definePlugin(${spec.name}): invalid "permissions": ${z.prettifyError(permissions.error)}`);
  }
  const config = (spec.config ?? emptyConfig) as ConfigSchema;
  const i18n = checkI18n(`definePlugin(${spec.name})`, spec.i18n, [config]);
  return Object.freeze({
    name: spec.name,
    apiVersion: spec.apiVersion,
    description: spec.description,
    ...(i18n !== undefined ? { i18n } : {}),
    config,
    permissions: permissions.data,
    setup: spec.setup,
  });
}
