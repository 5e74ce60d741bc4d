import { InputError } from '@dwc/sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pluginConfigRepository } from './plugin-config-repository.js';
import { settingsRepository } from './settings-repository.js';
import { openTestDatabase, type TestDatabase } from './test-support/open-test-database.js';

// A zone far from UTC, so storing local time instead of UTC shows up in the raw column checks.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Kolkata';
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe.each(['sqlite', 'postgres'] as const)('repositories on %s', (dialect) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(dialect);
    await test.database.migrate();
  });
  afterEach(async () => {
    await test.cleanup();
  });

  /** The stored timestamp as UTC ISO-8601 text, read with SQL rather than through the entity. */
  async function rawUtc(table: string, keyColumn: string, key: string): Promise<string> {
    const sql =
      dialect === 'sqlite'
        ? `SELECT updated_at AS t FROM ${table} WHERE ${keyColumn} = ?`
        : `SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS t FROM ${table} WHERE ${keyColumn} = $1`;
    const [row] = (await test.database.dataSource.query(sql, [key])) as { t: string }[];
    return row?.t ?? '';
  }
  const asStored = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

  describe('settings', () => {
    it('returns undefined for a key never set', async () => {
      expect(await settingsRepository(test.database.dataSource).get('missing')).toBeUndefined();
    });

    it('stores nested JSON and overwrites it', async () => {
      const settings = settingsRepository(test.database.dataSource);
      const nested = { theme: { dark: true, accent: '#0af' }, limits: [1, 2.5, null, 'x'], note: 'quote " and \\ and ü' };
      await settings.set('ui', nested);
      expect(await settings.get('ui')).toEqual(nested);
      await settings.set('ui', { theme: { dark: false } });
      expect(await settings.get('ui')).toEqual({ theme: { dark: false } });
      expect(await settings.all()).toHaveLength(1);
    });

    it.each([['a string'], [42], [0.1], [true], [false], [null], [[]], ['123']])('round-trips the scalar %j', async (value) => {
      const settings = settingsRepository(test.database.dataSource);
      await settings.set('scalar', value);
      expect(await settings.get('scalar')).toStrictEqual(value);
    });

    it('lists every setting by key with UTC timestamps', async () => {
      expect(new Date().getTimezoneOffset()).toBe(-330);
      const settings = settingsRepository(test.database.dataSource);
      const b = await settings.set('b', 2);
      await settings.set('a', 1);
      const all = await settings.all();
      expect(all.map(({ key, value }) => ({ key, value }))).toEqual([
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ]);
      const stored = all.find((setting) => setting.key === 'b');
      expect(stored?.updatedAt).toBeInstanceOf(Date);
      expect(stored?.updatedAt.getTime()).toBe(b.updatedAt.getTime());
      expect(await rawUtc('settings', 'key', 'b')).toBe(asStored(b.updatedAt));
    });

    it('refuses an empty or over-long key', async () => {
      const settings = settingsRepository(test.database.dataSource);
      await expect(settings.set('', 1)).rejects.toBeInstanceOf(InputError);
      await expect(settings.set('k'.repeat(201), 1)).rejects.toBeInstanceOf(InputError);
      await settings.set('k'.repeat(200), 1);
      expect(await settings.get('k'.repeat(200))).toBe(1);
    });
  });

  describe('plugin configs', () => {
    it('returns undefined for a plugin never saved', async () => {
      expect(await pluginConfigRepository(test.database.dataSource).get('nope')).toBeUndefined();
    });

    it('saves, reads back and upserts a plugin config', async () => {
      const configs = pluginConfigRepository(test.database.dataSource);
      const saved = await configs.save({
        pluginName: '@dwc/plugin-ai-openai',
        enabled: true,
        config: { model: 'gpt', retries: 3, hosts: ['api.openai.com'], nested: { deep: { x: null } } },
      });
      const read = await configs.get('@dwc/plugin-ai-openai');
      expect(read).toStrictEqual(saved);
      expect(read?.updatedAt).toBeInstanceOf(Date);
      expect(await rawUtc('plugin_configs', 'plugin_name', '@dwc/plugin-ai-openai')).toBe(asStored(saved.updatedAt));

      const updated = await configs.save({ pluginName: '@dwc/plugin-ai-openai', enabled: false, config: {} });
      expect(await configs.get('@dwc/plugin-ai-openai')).toStrictEqual(updated);
      expect(await configs.list()).toHaveLength(1);
    });

    it('lists configs ordered by plugin name', async () => {
      const configs = pluginConfigRepository(test.database.dataSource);
      await configs.save({ pluginName: 'zeta', enabled: true, config: { a: 1 } });
      await configs.save({ pluginName: 'alpha', enabled: false, config: {} });
      const list = await configs.list();
      expect(list.map(({ pluginName, enabled, config }) => ({ pluginName, enabled, config }))).toEqual([
        { pluginName: 'alpha', enabled: false, config: {} },
        { pluginName: 'zeta', enabled: true, config: { a: 1 } },
      ]);
    });

    it('refuses an empty plugin name', async () => {
      await expect(
        pluginConfigRepository(test.database.dataSource).save({ pluginName: '', enabled: true, config: {} }),
      ).rejects.toBeInstanceOf(InputError);
    });
  });
});
