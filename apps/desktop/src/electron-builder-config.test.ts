import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<string, unknown> & {
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  files: string[];
  asarUnpack: string[];
  extraMetadata: { main: string };
  directories: { buildResources: string };
  protocols: { schemes: string[] }[];
  publish: { provider: string };
};

const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validate(value: unknown) {
  return { valid: check(value), errors: check.errors ?? [] };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const result = validate(config);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is checked for real: a misspelt key fails the same validation', () => {
    expect(validate({ ...config, appID: 'x' }).valid).toBe(false);
    expect(validate({ ...config, linux: { target: 'AppImage', categroy: 'Office' } }).valid).toBe(false);
  });

  it('builds AppImage and deb for Linux, dmg for macOS and nsis for Windows, with an app id and icons', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const { icon } = config[platform];
      expect(existsSync(`${root}${icon}`), icon).toBe(true);
    }
  });

  it('bundles the desktop main process, the UI and the plugins, and starts the built main', () => {
    expect(config.files).toEqual(expect.arrayContaining(['apps/desktop/bundle/**/*', 'ui/dist/**/*', 'plugins/*/bundle/**/*', 'plugins/*/package.json', 'core/*/dist/**/*']));
    expect(config.extraMetadata.main).toBe('apps/desktop/bundle/main.js');
    expect((JSON.parse(readFileSync(`${root}apps/desktop/package.json`, 'utf8')) as { main: string }).main).toBe('bundle/main.js');
  });

  it('rebuilds the native modules for Electron and keeps them out of the asar archive', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/keytar/**']));
  });

  it('registers dwc:// and names an update feed (used only when auto-update is on)', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['dwc']);
    expect(config.publish.provider).toBe('generic');
  });
});
