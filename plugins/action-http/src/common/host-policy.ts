import { hostOf, InputError, isPrivateAddress, privateDenied, privateNetworkError as sdkPrivateNetworkError } from '@dwc/sdk';
import type { HttpPolicy } from './config.js';

const PLUGIN = '@dwc/plugin-action-http';

/** How the refusal of a private address tells the operator to allow it. */
export const HTTP_PRIVATE_NETWORK_HINT =
  `private networks are denied (the deny_private_networks setting of ${PLUGIN}, by default on for a team server; DWC_DENY_PRIVATE_NETWORKS); ` +
  'allow this host with allowed_private_hosts or DWC_ALLOWED_PRIVATE_HOSTS';

export { hostOf, privateDenied };

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
 * addresses the connection uses (the SDK's guardedLookup). Called for the first URL and every
 * redirect target (`redirected`).
 */
export function assertUrlPermitted(url: URL, policy: HttpPolicy, redirected: boolean): void {
  const host = hostOf(url);
  if (!hostAllowed(host, policy.allowedHosts)) {
    throw new InputError(
      `Host "${host}"${redirected ? ` (reached by a redirect to ${url.origin})` : ''} is not in the allowed_hosts setting of ${PLUGIN}; add it (or a "*.domain" pattern covering it) to call this host.`,
      { code: 'host_not_allowed', details: { host, setting: 'allowed_hosts', allowed_hosts: policy.allowedHosts } },
    );
  }
  if (privateDenied(host, policy) && isPrivateAddress(host)) throw privateNetworkError(host, host, redirected ? url : undefined);
}

/** The refusal of a private address; `redirectedTo` names the redirect that led there. */
export function privateNetworkError(host: string, address: string, redirectedTo?: URL): InputError {
  return sdkPrivateNetworkError(host, address, HTTP_PRIVATE_NETWORK_HINT, redirectedTo);
}
