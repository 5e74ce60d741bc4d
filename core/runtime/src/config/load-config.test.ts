import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const made: string[] = [];
const emptyDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dwc-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadConfig', () => {
  it('uses defaults when nothing is set: port 8000, SQLite in ./data', () => {
    const cwd = emptyDir();
    const config = loadConfig({ env: {}, cwd });
    expect(config.port).toBe(8000);
    expect(config.dataDir).toBe(join(cwd, 'data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.plugins).toEqual([]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the environment over dwc.config.json over defaults', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'dwc.config.json'), JSON.stringify({ port: 9000, logLevel: 'debug', plugins: ['a', 'b'] }));
    const config = loadConfig({ env: { PORT: '9100', DWC_CORS_ORIGINS: 'https://a.test, https://b.test' }, cwd });
    expect(config.port).toBe(9100);
    expect(config.logLevel).toBe('debug');
    expect(config.plugins).toEqual(['a', 'b']);
    expect(config.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
  });

  it('counts an empty or blank variable as unset, falling back to the file or the default', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'dwc.config.json'), JSON.stringify({ logLevel: 'debug' }));
    const config = loadConfig({ env: { PORT: '', LOG_LEVEL: '  ', DATABASE_URL: '', DWC_AI_FALLBACK: ' ', DWC_CONFIG: '' }, cwd });
    expect(config.port).toBe(8000);
    expect(config.logLevel).toBe('debug');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.aiFallback).toEqual([]);
  });

  it('is frozen through and through: changing a list or a table in it throws', () => {
    const config = loadConfig({ env: { DWC_PLUGINS: 'a,b', DWC_AI_PRICES: '{"openai/*": {"input_per_1m": 1, "output_per_1m": 2}}' }, cwd: emptyDir() });
    expect(() => (config.plugins as string[]).push('c')).toThrow(TypeError);
    expect(() => ((config.aiPrices['openai/*'] as { input_per_1m: number }).input_per_1m = 0)).toThrow(TypeError);
    expect(() => ((config as { port: number }).port = 1)).toThrow(TypeError);
    expect(config.plugins).toEqual(['a', 'b']);
  });

  it('stops with one line naming every bad setting', () => {
    let message = '';
    try {
      loadConfig({ env: { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }, cwd: emptyDir() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('DATABASE_URL=(hidden): must start with postgres:// or postgresql://');
    expect(message).toContain('LOG_LEVEL="loud"');
  });

  it('names the file and key of a bad value from dwc.config.json', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'dwc.config.json'), JSON.stringify({ port: 70000 }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/dwc\.config\.json "port"=70000/);
  });

  it('refuses an unknown key in the config file, listing the known ones', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'dwc.config.json'), JSON.stringify({ prot: 9000 }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/unknown setting "prot" \(known: port, host/);
  });

  it('refuses a config file that is not JSON', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'dwc.config.json'), '{ port: 1');
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/dwc\.config\.json: not valid JSON/);
  });

  it('refuses a DWC_CONFIG that points at no file', () => {
    expect(() => loadConfig({ env: { DWC_CONFIG: 'missing.json' }, cwd: emptyDir() })).toThrow(/DWC_CONFIG=missing.json: file not found/);
  });

  it('refuses a short API token without echoing it', () => {
    expect(() => loadConfig({ env: { DWC_API_TOKEN: 'short' }, cwd: emptyDir() })).toThrow(/DWC_API_TOKEN=\(hidden\): must be at least 24 characters/);
  });

  it('takes app-supplied defaults for settings the runtime cannot know', () => {
    const config = loadConfig({ env: {}, cwd: emptyDir(), defaults: { pluginsDir: '/opt/dwc/plugins' } });
    expect(config.pluginsDir).toBe('/opt/dwc/plugins');
  });

  it('defaults the cache to a 64 MiB memory LRU with a one-hour TTL, and reads sizes like 512kb', () => {
    const defaults = loadConfig({ env: {}, cwd: emptyDir() });
    expect(defaults).toMatchObject({ cacheBackend: 'memory', cacheMaxBytes: 64 * 1024 * 1024, cacheTtlMs: 3_600_000, cachePrefix: 'dwc:cache:' });
    const cwd = emptyDir();
    const config = loadConfig({ env: { DWC_CACHE_BACKEND: 'file', DWC_CACHE_MAX_BYTES: '512kb', DWC_CACHE_DIR: 'c' }, cwd });
    expect(config).toMatchObject({ cacheBackend: 'file', cacheMaxBytes: 512 * 1024, cacheDir: join(cwd, 'c') });
  });

  it('refuses the redis cache without REDIS_URL, and a REDIS_URL that is not redis://, without echoing it', () => {
    expect(() => loadConfig({ env: { DWC_CACHE_BACKEND: 'redis' }, cwd: emptyDir() })).toThrow('DWC_CACHE_BACKEND=redis needs REDIS_URL');
    expect(() => loadConfig({ env: { REDIS_URL: 'http://user:pw@x' }, cwd: emptyDir() })).toThrow('REDIS_URL=(hidden): must start with redis:// or rediss://');
    expect(() => loadConfig({ env: { DWC_CACHE_MAX_BYTES: 'lots' }, cwd: emptyDir() })).toThrow('DWC_CACHE_MAX_BYTES="lots": must be a number of bytes');
    expect(() => loadConfig({ env: { DWC_CACHE_MAX_BYTES: '10' }, cwd: emptyDir() })).toThrow('DWC_CACHE_MAX_BYTES="10": must be at least 1kb');
  });
});
