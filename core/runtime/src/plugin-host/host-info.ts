import type { HostInfo } from '@dwc/sdk';
import type { DwcConfig } from '../config/settings.js';

/** What plugins are told about where they run (`ctx.host`): the shape follows the database, and so does the private-network default. */
export function hostInfo(config: Pick<DwcConfig, 'databaseUrl' | 'denyPrivateNetworks'> & { watchRoots?: readonly string[] }): HostInfo {
  const shape = config.databaseUrl === undefined ? 'desktop' : 'team';
  return Object.freeze({ shape, denyPrivateNetworks: config.denyPrivateNetworks ?? shape === 'team', watchRoots: Object.freeze([...(config.watchRoots ?? [])]) });
}
