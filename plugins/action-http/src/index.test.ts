import { readFileSync } from 'node:fs';
import { SDK_API_VERSION, type ActionDefinition, type HostInfo, type PluginContext } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { httpPolicy } from './common/config.js';
import plugin from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; dwc: { kinds: string[] } };
const team: HostInfo = { shape: 'team', denyPrivateNetworks: true, allowedPrivateHosts: [], watchRoots: [] };
const desktop: HostInfo = { shape: 'desktop', denyPrivateNetworks: false, allowedPrivateHosts: [], watchRoots: [] };

describe('@dwc/plugin-action-http', () => {
  it('is a valid plugin named after its package, built for this SDK', () => {
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.apiVersion).toBe(SDK_API_VERSION);
    expect(pkg.dwc.kinds).toEqual(['action']);
    expect(plugin.permissions.network).toEqual(['*']);
  });

  it('registers exactly the http.request action and closes its connections on dispose', async () => {
    const registered: ActionDefinition[] = [];
    const ctx = { name: pkg.name, host: desktop, config: plugin.config.parse({}), actions: { register: (d: ActionDefinition) => registered.push(d) } };
    const dispose = await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>);
    expect(registered.map((d) => d.type)).toEqual(['http.request']);
    expect(typeof dispose).toBe('function');
    (dispose as () => void)();
  });

  it('defaults to any host, and leaves private networks to the server default', () => {
    expect(plugin.config.parse({})).toEqual({ allowed_hosts: [], allowed_private_hosts: [] });
  });

  it('denies private networks on the team shape and allows them on the desktop shape unless its own setting says otherwise', () => {
    expect(httpPolicy(plugin.config.parse({}), team).denyPrivateNetworks).toBe(true);
    expect(httpPolicy(plugin.config.parse({}), desktop).denyPrivateNetworks).toBe(false);
    expect(httpPolicy(plugin.config.parse({ deny_private_networks: false }), team).denyPrivateNetworks).toBe(false);
    expect(httpPolicy(plugin.config.parse({ deny_private_networks: true }), desktop).denyPrivateNetworks).toBe(true);
  });

  it('refuses the metadata address with the team default', async () => {
    const registered: ActionDefinition[] = [];
    const ctx = { name: pkg.name, host: team, config: plugin.config.parse({}), actions: { register: (d: ActionDefinition) => registered.push(d) } };
    const dispose = (await plugin.setup(ctx as unknown as PluginContext<ReturnType<typeof plugin.config.parse>>)) as () => void;
    const action = registered[0]!;
    const noop = () => undefined;
    const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
    const step = { executionId: 'e', workflowId: 'w', stepId: 's', attempt: 1, signal: new AbortController().signal, log, emitDocument: noop };
    await expect(action.run(action.input.parse({ url: 'http://169.254.169.254/latest/meta-data/' }), step)).rejects.toMatchObject({ code: 'private_network_denied' });
    dispose();
  });
});
