import type { HostInfo } from '@dwc/sdk';
import type { DwcConfig } from '../config/settings.js';

/** What plugins are told about where they run (`ctx.host`): the shape follows the database, and so does the private-network default. */
export function hostInfo(config: Pick<DwcConfig, 'databaseUrl' | 'denyPrivateNetworks'> & { allowedPrivateHosts?: readonly string[] } & { watchRoots?: readonly string[] }): HostInfo {
  const shape = config.databaseUrl === undefined ? 'desktop' : 'team';
  const allowedPrivateHosts = (config.allowedPrivateHosts ?? []).map((host) => host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1')).filter(Boolean);
  return Object.freeze({
    shape,
    denyPrivateNetworks: config.denyPrivateNetworks ?? shape === 'team',
    allowedPrivateHosts: Object.freeze(allowedPrivateHosts),
    watchRoots: Object.freeze([...(config.watchRoots ?? [])]),
  });
}
