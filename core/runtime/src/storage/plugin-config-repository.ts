import type { DataSource } from 'typeorm';
import { InputError } from '@dwc/sdk';
import { PLUGIN_NAME_MAX_LENGTH, pluginConfigEntity, type PluginConfigRow } from './entities/plugin-config.js';
import type { JsonObject } from './json-value.js';

/** A plugin's stored config and enabled flag. */
export interface PluginConfigRecord {
  pluginName: string;
  enabled: boolean;
  config: JsonObject;
  updatedAt: Date;
}

/** What callers write; `updatedAt` is set on save. */
export type PluginConfigInput = Omit<PluginConfigRecord, 'updatedAt'>;

/** Each plugin's stored config (validated against the plugin's schema by the host, not here) and enabled flag. */
export interface PluginConfigRepository {
  get(pluginName: string): Promise<PluginConfigRecord | undefined>;
  /** Creates or replaces the row of `pluginName`. */
  save(input: PluginConfigInput): Promise<PluginConfigRecord>;
  /** Every stored plugin config, ordered by plugin name. */
  list(): Promise<PluginConfigRecord[]>;
}

/** Plugin configs stored in the `plugin_configs` table of `dataSource`. */
export function pluginConfigRepository(dataSource: DataSource): PluginConfigRepository {
  const repository = dataSource.getRepository<PluginConfigRow>(pluginConfigEntity);
  return {
    async get(pluginName) {
      return ((await repository.findOneBy({ pluginName })) as PluginConfigRecord | null) ?? undefined;
    },
    async save({ pluginName, enabled, config }) {
      if (pluginName.length === 0 || pluginName.length > PLUGIN_NAME_MAX_LENGTH) {
        throw new InputError(`Plugin name must be 1 to ${PLUGIN_NAME_MAX_LENGTH} characters long`);
      }
      const row: PluginConfigRow = { pluginName, enabled, config, updatedAt: new Date() };
      await repository.upsert(row, ['pluginName']);
      return { pluginName, enabled, config, updatedAt: row.updatedAt };
    },
    async list() {
      return (await repository.find({ order: { pluginName: 'ASC' } })) as PluginConfigRecord[];
    },
  };
}
