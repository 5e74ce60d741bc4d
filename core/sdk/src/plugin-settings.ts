import type { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * The value of environment variable (or secret) `name`, or undefined when it is unset, empty or
 * only whitespace: docker-compose passes an unset `${VAR}` as an empty string, and that must not
 * count as a setting. A value that is set is returned as it is.
 */
export function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * A plugin setting has a value that cannot be used. The message names the setting, where its value
 * came from (the environment variable, or the plugin's config) and why, e.g.
 * "setting `base_url` (OPENAI_BASE_URL): Invalid URL". The host shows it as the plugin's load error.
 */
export class PluginSettingError extends ConfigError {
  readonly setting: string;
  /** Where the value came from: an environment variable or secret name, or `config`. */
  readonly source: string;

  constructor(setting: string, source: string, reason: string, options: { cause?: unknown } = {}) {
    super(`setting \`${setting}\` (${source}): ${reason}`, { code: 'plugin_setting_invalid', details: { setting, source, reason }, ...options });
    this.setting = setting;
    this.source = source;
  }
}

export interface SettingSpec<S extends z.ZodType> {
  /** The setting's name as users know it: its key in the plugin's config, e.g. `base_url`. */
  key: string;
  /** The value from the plugin's config (already validated by the host); wins when set. */
  config?: z.output<S> | undefined;
  /** Environment variables (declared secrets) read when the config has no value, first set wins. */
  env?: readonly string[];
  /** Parses a value read from the environment; a failure names the setting and the variable. */
  schema: S;
  /** The value is a credential: a failure never shows it. */
  secret?: boolean;
}

/**
 * Reads one plugin setting: the config value, else the first of `env` that is set in `secrets`
 * (blank counts as unset), parsed with `schema`; undefined when none is set. A value that does not
 * parse throws a PluginSettingError naming the setting, the variable and the reason.
 */
export function readSetting<S extends z.ZodType>(secrets: Readonly<Record<string, string | undefined>>, spec: SettingSpec<S>): z.output<S> | undefined {
  if (spec.config !== undefined) return spec.config;
  for (const name of spec.env ?? []) {
    const raw = envValue(secrets, name);
    if (raw === undefined) continue;
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
    const shown = spec.secret ? '' : ` (got ${JSON.stringify(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw)})`;
    throw new PluginSettingError(spec.key, name, `${reason}${shown}`);
  }
  return undefined;
}
