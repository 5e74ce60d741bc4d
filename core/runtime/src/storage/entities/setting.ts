import { EntitySchema } from '../typeorm.js';

/**
 * One row of `settings`: a runtime setting changed through the app, stored as JSON. `value` is
 * typed loosely here because TypeORM's deep query types cannot expand a recursive JSON type;
 * the repository exposes it as JsonValue.
 */
export interface SettingRow {
  key: string;
  value: string | number | boolean | null | object;
  updatedAt: Date;
}

export const SETTING_KEY_MAX_LENGTH = 200;

export const settingEntity = new EntitySchema<SettingRow>({
  name: 'setting',
  tableName: 'settings',
  columns: {
    key: { name: 'key', type: 'varchar', length: SETTING_KEY_MAX_LENGTH, primary: true },
    value: { name: 'value', type: 'jsonb', nullable: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
