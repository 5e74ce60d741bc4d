import { InputError } from '@dwc/sdk';
import type { HttpPolicy } from './config.js';
import { isPrivateAddress } from './private-address.js';

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
 * Refuses a URL the policy forbids by its host alone, before anything connects: a host outside
 * `allowed_hosts`, or a private IP literal. Host names are checked when connecting, on the very
 * addresses the connection uses (see guarded-lookup.ts). Called for the first URL and every
 * redirect target (`redirected`).
 */
export function assertUrlPermitted(url: URL, policy: HttpPolicy, redirected: boolean): void {
  const host = hostOf(url);
  if (!hostAllowed(host, policy.allowedHosts)) {
    throw new InputError(
      `Host "${host}"${via(url, redirected)} is not in the allowed_hosts setting of ${PLUGIN}; add it (or a "*.domain" pattern covering it) to call this host.`,
      { code: 'host_not_allowed', details: { host, setting: 'allowed_hosts', allowed_hosts: policy.allowedHosts } },
    );
  }
  if (privateDenied(host, policy) && isPrivateAddress(host)) throw privateNetworkError(host, host, redirected ? url : undefined);
}

/** Whether connections to `host` must refuse private addresses. */
export function privateDenied(host: string, policy: Pick<HttpPolicy, 'denyPrivateNetworks' | 'allowedPrivateHosts'>): boolean {
  return policy.denyPrivateNetworks && !policy.allowedPrivateHosts.includes(host);
}

function via(url: URL, redirected: boolean): string {
  return redirected ? ` (reached by a redirect to ${url.origin})` : '';
}

/** The refusal of a private address; `redirectedTo` names the redirect that led there. */
export function privateNetworkError(host: string, address: string, redirectedTo?: URL): InputError {
  const resolved = host === address ? '' : ` resolves to ${address}, which`;
  return new InputError(
    `Host "${host}"${redirectedTo ? via(redirectedTo, true) : ''}${resolved} is a loopback, private, link-local or other non-public address, and private networks are denied ` +
      `(the deny_private_networks setting of ${PLUGIN}, by default on for a team server; DWC_DENY_PRIVATE_NETWORKS).`,
    { code: 'private_network_denied', details: { host, address, setting: 'deny_private_networks' } },
  );
}
