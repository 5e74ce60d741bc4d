import { lookup } from 'node:dns/promises';
import { InputError } from '@dwc/sdk';
import { raceAbort } from './abort.js';
import type { HttpConfig } from './config.js';
import { isPrivateAddress } from './private-address.js';
import { networkError } from './request-errors.js';

const PLUGIN = '@dwc/plugin-action-http';

/** The URL's host name in lower case, without IPv6 brackets or a trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Whether `host` equals an entry or falls under a `*.suffix` entry (subdomains only, not the apex). */
export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  return allowedHosts.some((entry) => {
    const pattern = entry.replace(/^\[(.*)\]$/, '$1');
    return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
  });
}

/**
 * Refuses a URL the plugin settings forbid, before anything connects to it; called for the first
 * URL and for every redirect target. Host names are resolved to check `deny_private_networks`.
 * The check and the connection resolve the name separately, so a DNS answer that changes in
 * between (DNS rebinding) is not caught here.
 */
export async function assertUrlPermitted(url: URL, config: HttpConfig, signal: AbortSignal, redirected: boolean): Promise<void> {
  const host = hostOf(url);
  const via = redirected ? ` (reached by a redirect to ${url.origin})` : '';
  if (!hostAllowed(host, config.allowed_hosts)) {
    throw new InputError(
      `Host "${host}"${via} is not in the allowed_hosts setting of ${PLUGIN}; add it (or a "*.domain" pattern covering it) to call this host.`,
      { code: 'host_not_allowed', details: { host, setting: 'allowed_hosts', allowed_hosts: config.allowed_hosts } },
    );
  }
  if (!config.deny_private_networks) return;
  if (isPrivateAddress(host)) throw privateNetworkError(host, host, via);
  if (host.includes(':') || /^[\d.]+$/.test(host)) return;
  let addresses: { address: string }[];
  try {
    addresses = await raceAbort(lookup(host, { all: true, verbatim: true }), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError(error, url);
  }
  const denied = addresses.find(({ address }) => isPrivateAddress(address));
  if (denied) throw privateNetworkError(host, denied.address, via);
}

function privateNetworkError(host: string, address: string, via: string): InputError {
  const resolved = host === address ? '' : ` resolves to ${address}, which`;
  return new InputError(
    `Host "${host}"${via}${resolved} is a loopback, private or link-local address, and the deny_private_networks setting of ${PLUGIN} refuses those.`,
    { code: 'private_network_denied', details: { host, address, setting: 'deny_private_networks' } },
  );
}
