import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ChannelDefinition, type PluginContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };

describe('@dwc/plugin-notify-discord', () => {
  it('is a valid channel plugin named after its package, built for this SDK', () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['channel']);
  });

  it('registers exactly the discord channel, with a testConnection', async () => {
    const registered: ChannelDefinition[] = [];
    const ctx = { name: pkg.name, config: plugin.config.parse({}), secrets: {}, events: { emit: () => undefined, on: () => () => undefined }, channels: { register: (d: ChannelDefinition) => registered.push(d) } };
    await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>);
    expect(registered.map((d) => d.type)).toEqual(['discord']);
    expect(typeof registered[0]!.testConnection).toBe('function');
  });
});
