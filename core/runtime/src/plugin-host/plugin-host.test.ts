import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DwcEvent } from '@dwc/sdk';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../cache/memory-cache-store.js';
import { createEventBus } from '../events/event-bus.js';
import { discoverPlugins } from './discover-plugins.js';
import { createPluginHost, type PluginConfigStore } from './plugin-host.js';
import { createRegistries } from './registries.js';

const fixturesDir = fileURLToPath(new URL('../../test-fixtures/plugins', import.meta.url));
const fixtureCases = readdirSync(fixturesDir).filter((name) => existsSync(join(fixturesDir, name, '_expected.json')));

function memoryStore(initial: Record<string, { enabled: boolean; config: unknown }> = {}): PluginConfigStore & { saved: Map<string, unknown> } {
  const saved = new Map<string, { enabled: boolean; config: unknown }>(Object.entries(initial));
  return {
    saved,
    get: async (name) => saved.get(name),
    list: async () => [...saved].map(([pluginName, entry]) => ({ pluginName, ...entry })),
    save: async ({ pluginName, enabled, config }) => void saved.set(pluginName, { enabled, config }),
  };
}

async function startHost(store = memoryStore()) {
  const logger = pino({ level: 'silent' });
  const events = createEventBus(logger);
  const seen: DwcEvent[] = [];
  events.on('*', (event) => seen.push(event));
  const registries = createRegistries();
  const cache = createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 });
  const host = createPluginHost({
    logger,
    events,
    registries,
    store,
    secrets: { get: async (name) => ({ FIXTURE_TOKEN: 't0ken', OTHER_SECRET: 'must-not-leak', FIXTURE_ENDPOINT: 'not a url' })[name] },
    cache,
    sdkVersion: '1.0.0',
    setupTimeoutMs: 300,
  });
  const { candidates } = await discoverPlugins({ pluginsDir: fixturesDir, packageNames: [], cwd: fixturesDir });
  await host.load(candidates);
  return { host, registries, seen, store, cache };
}

describe('plugin host over the fixture plugins', () => {
  let statuses: Awaited<ReturnType<typeof startHost>>['host'];
  beforeAll(async () => {
    statuses = (await startHost()).host;
  });

  it.each(fixtureCases)('reports %s as its _expected.json says', (fixture) => {
    const expected = JSON.parse(readFileSync(join(fixturesDir, fixture, '_expected.json'), 'utf8'));
    const name = JSON.parse(readFileSync(join(fixturesDir, fixture, 'package.json'), 'utf8')).name;
    const status = statuses.get(name);
    expect(status.state).toBe(expected.state);
    if (expected.errorCode) expect(status.errorCode).toBe(expected.errorCode);
    if (expected.message) expect(status.error).toBe(expected.message);
    if (expected.capabilities) expect(status.capabilities).toEqual(expected.capabilities);
  });

  it('gives the Spanish name and description (package.json first) and the config form texts, also inside the config schema', () => {
    const status = statuses.get('fixture-spanish-plugin');
    expect(status.state).toBe('active');
    expect(status.i18n).toEqual({ es: { name: 'Saludo', description: 'Saluda' } });
    expect(status.configI18n).toEqual({ es: { greeting: { title: 'Saludo', description: 'Qué decir.', enum: { hello: 'hola', hi: 'buenas' } } } });
    expect((status.configSchema?.properties as Record<string, Record<string, unknown>>).greeting!['x-dwc-i18n']).toEqual({ es: { title: 'Saludo', description: 'Qué decir.', enum: { hello: 'hola', hi: 'buenas' } } });
  });

  it('fails a plugin whose Spanish texts name a field its config does not have, saying which fields it has', () => {
    expect(statuses.get('fixture-i18n-unknown-field').error).toContain('definePlugin(fixture-i18n-unknown-field): i18n.es.fields names "timeout", which is not a field of its schema; fields: timeout_ms.');
  });

  it('ignores folders without a "dwc" field in package.json', () => {
    expect(statuses.list().map((s) => s.name)).not.toContain('not-a-plugin');
  });
});

describe('plugin host', () => {
  it('gives a plugin only the secrets it declared', async () => {
    const { seen } = await startHost();
    const setup = seen.find((e) => e.type === 'fixture.setup');
    expect(setup?.payload).toEqual({ greeting: 'hi', secrets: ['FIXTURE_TOKEN'] });
  });

  it('registers the good plugin action and runs it with the validated config', async () => {
    const { registries } = await startHost(memoryStore({ 'fixture-good': { enabled: true, config: { greeting: 'hello' } } }));
    const echo = registries.actions.get('fixture.echo');
    expect(echo).toBeDefined();
    await expect(echo!.run({ text: 'world' }, {} as never)).resolves.toEqual({ text: 'hello world' });
  });

  it("gives a plugin a ctx.cache backed by the host's cache store under plugin:<name>:", async () => {
    const { cache } = await startHost(memoryStore({ 'fixture-good': { enabled: true, config: { greeting: 'hello' } } }));
    expect(await cache.get('plugin:fixture-good:last-greeting')).toBe('hello');
    expect(await cache.get('last-greeting')).toBeUndefined();
  });

  it('does not set up a plugin stored as disabled', async () => {
    const { host, registries, seen } = await startHost(memoryStore({ 'fixture-good': { enabled: false, config: {} } }));
    expect(host.get('fixture-good').state).toBe('disabled');
    expect(registries.actions.list().filter((entry) => entry.plugin === 'fixture-good')).toEqual([]);
    expect(seen.some((e) => e.type === 'fixture.setup')).toBe(false);
  });

  it('disables at runtime: removes capabilities, disposes, persists; enabling restores them', async () => {
    const { host, registries, seen, store } = await startHost();
    const disabled = await host.setEnabled('fixture-good', false);
    expect(disabled.state).toBe('disabled');
    expect(disabled.capabilities).toEqual([]);
    expect(registries.actions.has('fixture.echo')).toBe(false);
    expect(seen.some((e) => e.type === 'fixture.disposed')).toBe(true);
    expect(store.saved.get('fixture-good')).toEqual({ enabled: false, config: {} });

    const enabled = await host.setEnabled('fixture-good', true);
    expect(enabled.state).toBe('active');
    expect(registries.actions.has('fixture.echo')).toBe(true);
  });

  it('refuses an invalid config with field messages and keeps the old one running', async () => {
    const { host, registries } = await startHost();
    await expect(host.configure('fixture-good', { greeting: 42 })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { greeting: ['expected string, received number'] },
    });
    expect(host.get('fixture-good').state).toBe('active');
    await expect(registries.actions.get('fixture.echo')!.run({ text: 'x' }, {} as never)).resolves.toEqual({ text: 'hi x' });
  });

  it('applies a new config by setting the plugin up again', async () => {
    const { host, registries } = await startHost();
    await host.configure('fixture-good', { greeting: 'hey' });
    await expect(registries.actions.get('fixture.echo')!.run({ text: 'x' }, {} as never)).resolves.toEqual({ text: 'hey x' });
  });

  it('recovers a plugin whose stored config was bad once a valid config is saved', async () => {
    const { host } = await startHost();
    expect(host.get('fixture-bad-config').state).toBe('failed');
    const status = await host.configure('fixture-bad-config', { endpoint: 'https://example.test/hook' });
    expect(status.state).toBe('active');
    expect(status.error).toBeUndefined();
  });

  it('names an unknown plugin in a not-found error', async () => {
    const { host } = await startHost();
    await expect(host.setEnabled('nope', true)).rejects.toMatchObject({ code: 'plugin_not_found', message: 'No plugin named "nope" is installed.' });
  });

  it('exposes the config as JSON Schema for forms', async () => {
    const { host } = await startHost();
    expect(host.get('fixture-good').configSchema).toMatchObject({ type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } });
  });

  it('disposes every active plugin on disposeAll', async () => {
    const { host, seen } = await startHost();
    await host.disposeAll();
    expect(seen.filter((e) => e.type === 'fixture.disposed')).toHaveLength(1);
  });

  it("freezes a plugin's ctx.config through and through: changing it throws", async () => {
    const { seen } = await startHost();
    expect(seen.find((e) => e.type === 'fixture.frozen')?.payload).toEqual({ push: true, assign: true, nested: true, config: { tags: ['a'], limits: { depth: 1 } } });
  });

  it('tells which plugin provides a type, in any state: registered, declared in its manifest, or registered before it was disabled', async () => {
    const { host } = await startHost();
    const provider = (type: string) => host.providersOf('action').find((p) => p.type === type)?.plugin;
    expect(provider('fixture.echo')).toMatchObject({ name: 'fixture-good', state: 'active' });
    expect(provider('fixture.unreachable')).toMatchObject({ name: 'fixture-bad-setting', state: 'failed', errorCode: 'plugin_config_invalid' });
    expect(provider('nobody.provides')).toBeUndefined();
    await host.setEnabled('fixture-good', false);
    expect(provider('fixture.echo')).toMatchObject({ name: 'fixture-good', state: 'disabled' });
  });

  it('lists a named package that cannot be found as missing', async () => {
    const found = await discoverPlugins({ packageNames: ['@dwc/does-not-exist'], cwd: fixturesDir });
    expect(found.missing).toEqual(['@dwc/does-not-exist']);
  });
});
