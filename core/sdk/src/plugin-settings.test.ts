import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { envValue, PluginSettingError, readSetting } from './plugin-settings.js';

describe('envValue', () => {
  it('counts an unset, empty or blank variable as unset and returns a set one as it is', () => {
    const env = { EMPTY: '', BLANK: ' \t\n', SET: ' value ' };
    expect(envValue(env, 'MISSING')).toBeUndefined();
    expect(envValue(env, 'EMPTY')).toBeUndefined();
    expect(envValue(env, 'BLANK')).toBeUndefined();
    expect(envValue(env, 'SET')).toBe(' value ');
  });
});

describe('readSetting', () => {
  const url = z.url();

  it('takes the config value over the environment', () => {
    expect(readSetting({ URL_A: 'http://env.test' }, { key: 'base_url', config: 'http://config.test', env: ['URL_A'], schema: url })).toBe('http://config.test');
  });

  it('takes the first variable that is set, skipping blank ones, and undefined when none is', () => {
    expect(readSetting({ URL_A: '', URL_B: 'http://b.test' }, { key: 'base_url', env: ['URL_A', 'URL_B'], schema: url })).toBe('http://b.test');
    expect(readSetting({ URL_A: '  ' }, { key: 'base_url', env: ['URL_A'], schema: url })).toBeUndefined();
  });

  it('names the setting, the variable and the reason when the value does not parse', () => {
    let error: unknown;
    try {
      readSetting({ URL_A: 'not a url' }, { key: 'base_url', env: ['URL_A'], schema: url });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PluginSettingError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'plugin_setting_invalid', setting: 'base_url', source: 'URL_A', message: 'setting `base_url` (URL_A): Invalid URL (got "not a url")' });
  });

  it('never shows the value of a secret setting', () => {
    expect(() => readSetting({ KEY: 'sk-secret' }, { key: 'api_key', env: ['KEY'], schema: z.string().min(20), secret: true })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('sk-secret') }),
    );
  });
});
