/**
 * @dwc/runtime: configuration, logging, the event bus, the plugin host and its capability
 * registries, storage and health. No HTTP here; plugins are discovered and handed in, never imported.
 */
export { loadConfig, CONFIG_FILE } from './config/load-config.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { settings } from './config/settings.js';
export type { DwcConfig, SettingKey } from './config/settings.js';
export { createLogger } from './logging/create-logger.js';
export { createEventBus } from './events/event-bus.js';
export { createRuntime } from './create-runtime.js';
export type { CreateRuntimeOptions, Runtime } from './create-runtime.js';
export { checkReadiness } from './health/readiness.js';
export type { HealthCheck, ReadinessReport } from './health/readiness.js';
export { createPluginHost } from './plugins/plugin-host.js';
export type { PluginConfigStore, PluginHost, PluginHostOptions, SecretSource } from './plugins/plugin-host.js';
export { discoverPlugins } from './plugins/discover-plugins.js';
export type { PluginCandidate } from './plugins/discover-plugins.js';
export { PluginLoadError } from './plugins/plugin-load-error.js';
export type { PluginStatus } from './plugins/plugin-status.js';
export { CapabilityRegistry } from './plugins/capability-registry.js';
export type { RegisteredCapability } from './plugins/capability-registry.js';
export { createRegistries } from './plugins/registries.js';
export type { CapabilityKind, Registries } from './plugins/registries.js';
export { API_TOKEN_FILE, createStaticTokenAuth, resolveApiToken } from './security/api-token.js';
export { openDatabase } from './storage/index.js';
export type { Database } from './storage/index.js';
