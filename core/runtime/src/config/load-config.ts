import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, envValue } from '@dwc/sdk';
import { deepFreeze } from './deep-freeze.js';
import { settings, type DwcConfig, type SettingKey } from './settings.js';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Folder relative paths resolve against and where `dwc.config.json` is looked for. */
  cwd?: string;
  /** Defaults the app supplies for settings the runtime cannot know (e.g. the plugins folder). */
  defaults?: Partial<Record<SettingKey, unknown>>;
}

/** Name of the optional config file; `DWC_CONFIG` points at another one. */
export const CONFIG_FILE = 'dwc.config.json';

/**
 * Reads settings from the environment, then `dwc.config.json`, then defaults; validates all of
 * them and throws one ConfigError listing every problem, one line each, naming the setting. An
 * empty or blank variable counts as unset. The result is frozen through and through.
 */
export function loadConfig(options: LoadConfigOptions = {}): DwcConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const { values: fileValues, source } = readConfigFile(env, cwd);
  const problems: string[] = [];

  for (const key of Object.keys(fileValues)) {
    if (!(key in settings)) problems.push(`${source}: unknown setting "${key}" (known: ${Object.keys(settings).join(', ')})`);
  }

  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings) as [SettingKey, (typeof settings)[SettingKey]][]) {
    const fromEnv = envValue(env, setting.env);
    const raw = fromEnv ?? fileValues[key] ?? options.defaults?.[key];
    const where = fromEnv !== undefined ? setting.env : key in fileValues ? `${source} "${key}"` : setting.env;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) config[key] = parsed.data;
    else {
      const shown = 'secret' in setting ? '(hidden)' : JSON.stringify(raw);
      problems.push(`${where}=${shown}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }

  if (config.cacheBackend === 'redis' && config.redisUrl === undefined) {
    problems.push('DWC_CACHE_BACKEND=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join(' | ')}`, { details: { problems } });
  }
  config.dataDir = resolve(cwd, config.dataDir as string);
  if (config.cacheDir !== undefined) config.cacheDir = resolve(cwd, config.cacheDir as string);
  if (config.pluginsDir !== undefined) config.pluginsDir = resolve(cwd, config.pluginsDir as string);
  return deepFreeze(config as DwcConfig);
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string): { values: Record<string, unknown>; source: string } {
  const explicit = envValue(env, 'DWC_CONFIG');
  const path = resolve(cwd, explicit ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(`DWC_CONFIG=${explicit}: file not found at ${path}`);
    return { values: {}, source: CONFIG_FILE };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: must hold a JSON object of settings`);
  }
  return { values: parsed as Record<string, unknown>, source: path };
}
