import type { DataSource } from 'typeorm';
import { InputError } from '@dwc/sdk';
import { SETTING_KEY_MAX_LENGTH, settingEntity, type SettingRow } from './entities/setting.js';
import type { JsonValue } from './json-value.js';

/** A stored setting. */
export interface Setting {
  key: string;
  value: JsonValue;
  updatedAt: Date;
}

/** Runtime settings changed through the app (not the env/file configuration), as JSON values by key. */
export interface SettingsRepository {
  /** The stored value, or undefined when the key was never set. */
  get(key: string): Promise<JsonValue | undefined>;
  /** Creates or replaces the value of `key`. */
  set(key: string, value: JsonValue): Promise<Setting>;
  /** Every setting, ordered by key. */
  all(): Promise<Setting[]>;
}

/** Settings stored in the `settings` table of `dataSource`. */
export function settingsRepository(dataSource: DataSource): SettingsRepository {
  const repository = dataSource.getRepository<SettingRow>(settingEntity);
  return {
    async get(key) {
      const row = await repository.findOneBy({ key });
      return row === null ? undefined : (row.value as JsonValue);
    },
    async set(key, value) {
      if (key.length === 0 || key.length > SETTING_KEY_MAX_LENGTH) {
        throw new InputError(`Setting key must be 1 to ${SETTING_KEY_MAX_LENGTH} characters long`);
      }
      if (value === undefined) throw new InputError(`Setting "${key}" needs a JSON value (use null to clear it)`);
      const row: SettingRow = { key, value, updatedAt: new Date() };
      await repository.upsert(row, ['key']);
      return { key, value, updatedAt: row.updatedAt };
    },
    async all() {
      return (await repository.find({ order: { key: 'ASC' } })) as Setting[];
    },
  };
}
