import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ActionDefinition, type PluginContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };

describe('@dwc/plugin-action-http', () => {
  it('is a valid plugin named after its package, built for this SDK', () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['action']);
    expect(plugin.permissions.network).toEqual(['*']);
  });

  it('registers exactly the http.request action', async () => {
    const registered: ActionDefinition[] = [];
    const ctx = { name: pkg.name, config: plugin.config.parse({}), actions: { register: (d: ActionDefinition) => registered.push(d) } };
    await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>);
    expect(registered.map((d) => d.type)).toEqual(['http.request']);
  });

  it('defaults its config to any host and private networks allowed', () => {
    expect(plugin.config.parse({})).toEqual({ allowed_hosts: [], deny_private_networks: false });
  });
});
