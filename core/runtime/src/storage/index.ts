export { openDatabase, SQLITE_FILE_NAME } from './database.js';
export type { Database, OpenDatabaseOptions, PingResult } from './database.js';
export type { Dialect } from './dialect.js';
export type { JsonObject, JsonValue } from './json-value.js';
export { newId } from './new-id.js';
export { settingsRepository } from './settings-repository.js';
export type { Setting, SettingsRepository } from './settings-repository.js';
export { pluginConfigRepository } from './plugin-config-repository.js';
export type { PluginConfigInput, PluginConfigRecord, PluginConfigRepository } from './plugin-config-repository.js';
