import { EntitySchema } from '../typeorm.js';

/**
 * One row of `plugin_configs`: a plugin's stored config (a JSON object, typed loosely for the same
 * reason as `SettingRow.value`) and whether it is enabled.
 */
export interface PluginConfigRow {
  pluginName: string;
  enabled: boolean;
  config: object;
  updatedAt: Date;
}

export const PLUGIN_NAME_MAX_LENGTH = 200;

export const pluginConfigEntity = new EntitySchema<PluginConfigRow>({
  name: 'plugin_config',
  tableName: 'plugin_configs',
  columns: {
    pluginName: { name: 'plugin_name', type: 'varchar', length: PLUGIN_NAME_MAX_LENGTH, primary: true },
    enabled: { name: 'enabled', type: 'boolean' },
    config: { name: 'config', type: 'jsonb' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
