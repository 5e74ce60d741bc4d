import { describe, expect, it } from 'vitest';
import { hostInfo } from './host-info.js';

describe('hostInfo', () => {
  it('calls a Postgres server the team shape and denies private networks by default there', () => {
    expect(hostInfo({ databaseUrl: 'postgres://db/dwc', denyPrivateNetworks: undefined })).toEqual({ shape: 'team', denyPrivateNetworks: true, allowedPrivateHosts: [], watchRoots: [] });
  });

  it('calls SQLite the desktop shape and keeps private networks (Ollama, local tools) reachable by default', () => {
    expect(hostInfo({ databaseUrl: undefined, denyPrivateNetworks: undefined })).toEqual({ shape: 'desktop', denyPrivateNetworks: false, allowedPrivateHosts: [], watchRoots: [] });
  });

  it('lets DWC_DENY_PRIVATE_NETWORKS override the default either way', () => {
    expect(hostInfo({ databaseUrl: 'postgres://db/dwc', denyPrivateNetworks: false }).denyPrivateNetworks).toBe(false);
    expect(hostInfo({ databaseUrl: undefined, denyPrivateNetworks: true }).denyPrivateNetworks).toBe(true);
  });

  it('carries DWC_ALLOWED_PRIVATE_HOSTS in lower case, without brackets or a trailing dot', () => {
    expect(hostInfo({ databaseUrl: 'postgres://db/dwc', denyPrivateNetworks: undefined, allowedPrivateHosts: ['Hooks.Internal.', '[::1]', '127.0.0.1'] }).allowedPrivateHosts).toEqual([
      'hooks.internal', '::1', '127.0.0.1',
    ]);
  });

  it('is frozen', () => expect(Object.isFrozen(hostInfo({ databaseUrl: undefined, denyPrivateNetworks: undefined }))).toBe(true));

  it('reads the extra watch roots at every access, so a folder added while running counts at once', () => {
    const picked: string[] = [];
    const host = hostInfo({ databaseUrl: undefined, denyPrivateNetworks: undefined, watchRoots: ['/srv/in'] }, () => picked);
    expect(host.watchRoots).toEqual(['/srv/in']);
    picked.push('/home/op/inbox', '/srv/in');
    expect(host.watchRoots).toEqual(['/srv/in', '/home/op/inbox']);
    expect(Object.isFrozen(host)).toBe(true);
  });
});
