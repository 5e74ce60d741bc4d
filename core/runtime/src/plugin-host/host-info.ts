import type { HostInfo } from '@dwc/sdk';
import type { DwcConfig } from '../config/settings.js';

/**
 * What plugins are told about where they run (`ctx.host`): the shape follows the database, and so
 * does the private-network default. `extraWatchRoots`, when given, is read at every access of
 * `watchRoots` (the desktop adds folders the operator picks while it runs).
 */
export function hostInfo(
  config: Pick<DwcConfig, 'databaseUrl' | 'denyPrivateNetworks'> & { allowedPrivateHosts?: readonly string[]; watchRoots?: readonly string[] },
  extraWatchRoots?: () => readonly string[],
): HostInfo {
  const shape = config.databaseUrl === undefined ? 'desktop' : 'team';
  const allowedPrivateHosts = (config.allowedPrivateHosts ?? []).map((host) => host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1')).filter(Boolean);
  const configured = Object.freeze([...(config.watchRoots ?? [])]);
  const info: HostInfo = {
    shape,
    denyPrivateNetworks: config.denyPrivateNetworks ?? shape === 'team',
    allowedPrivateHosts: Object.freeze(allowedPrivateHosts),
    watchRoots: configured,
  };
  if (extraWatchRoots !== undefined) {
    Object.defineProperty(info, 'watchRoots', { enumerable: true, get: () => Object.freeze([...new Set([...configured, ...extraWatchRoots()])]) });
  }
  return Object.freeze(info);
}
